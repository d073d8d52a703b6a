package dev.switchboard.ingest.social;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a webhook's {@code sha256=<HMAC-SHA256 of the raw body>} signature header.
 *
 * <p>The HMAC is computed over the exact bytes received, before any parsing, and compared in
 * constant time ({@link MessageDigest#isEqual}), so a forger learns nothing from response times.
 */
final class WebhookSignature {
    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    enum Encoding {
        HEX,
        BASE64
    }

    /** Why a signature was accepted or not; only {@link #VALID} lets a request through. */
    enum Verdict {
        VALID,
        MISSING,
        MALFORMED,
        MISMATCH
    }

    private final String header;
    private final Encoding encoding;
    private final SecretKeySpec key;

    WebhookSignature(String header, Encoding encoding, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a signing secret is required");
        }
        this.header = header;
        this.encoding = encoding;
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    String header() {
        return header;
    }

    Verdict verify(String headerValue, byte[] body) {
        if (headerValue == null || headerValue.isBlank()) {
            return Verdict.MISSING;
        }
        String value = headerValue.strip();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Verdict.MALFORMED;
        }
        byte[] given;
        try {
            String encoded = value.substring(PREFIX.length());
            given = encoding == Encoding.HEX
                    ? HexFormat.of().parseHex(encoded.toLowerCase(Locale.ROOT))
                    : Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        return MessageDigest.isEqual(hmac(body), given) ? Verdict.VALID : Verdict.MISMATCH;
    }

    /** The header value a sender would write for {@code body}: for tests, docs and X's CRC answer. */
    String sign(byte[] body) {
        byte[] mac = hmac(body);
        return PREFIX
                + (encoding == Encoding.HEX
                        ? HexFormat.of().formatHex(mac)
                        : Base64.getEncoder().encodeToString(mac));
    }

    private byte[] hmac(byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java runtime ships HmacSHA256; a key of any length is valid for it.
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
