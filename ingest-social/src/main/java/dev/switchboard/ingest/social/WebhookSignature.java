package dev.switchboard.ingest.social;

import dev.switchboard.http.SwitchboardSignature;
import dev.switchboard.http.SwitchboardSignature.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a webhook's signature header: the platforms' {@code sha256=<HMAC-SHA256 of the raw body>}
 * (hex for Meta and WhatsApp, base64 for X), or Switchboard's own timestamped scheme for the web
 * form ({@link SwitchboardSignature}).
 *
 * <p>The HMAC is computed over the exact bytes received, before any parsing, and compared in
 * constant time ({@link MessageDigest#isEqual}), so a forger learns nothing from response times.
 */
final class WebhookSignature {
    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    enum Encoding {
        HEX,
        BASE64,
        /** {@code t=<unix seconds>,v1=<hex HMAC over "<t>." + body>}: replays expire. */
        TIMESTAMPED
    }

    private final String header;
    private final Encoding encoding;
    private final SecretKeySpec key;
    private final String secret;

    WebhookSignature(String header, Encoding encoding, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a signing secret is required");
        }
        this.header = header;
        this.encoding = encoding;
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.secret = secret;
    }

    String header() {
        return header;
    }

    /** Checks with the current time (the platforms' schemes do not use it). */
    Verdict verify(String headerValue, byte[] body) {
        return verify(headerValue, body, Instant.now());
    }

    Verdict verify(String headerValue, byte[] body, Instant now) {
        if (encoding == Encoding.TIMESTAMPED) {
            return SwitchboardSignature.check(secret, headerValue, body, now, SwitchboardSignature.DEFAULT_TOLERANCE);
        }
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

    /** The header value a sender would write for {@code body} now: for tests, docs and X's CRC answer. */
    String sign(byte[] body) {
        return sign(body, Instant.now());
    }

    /** The header value a sender would write for {@code body} at {@code now}. */
    String sign(byte[] body, Instant now) {
        if (encoding == Encoding.TIMESTAMPED) {
            return SwitchboardSignature.sign(secret, now, body);
        }
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
