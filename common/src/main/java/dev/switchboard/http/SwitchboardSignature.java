package dev.switchboard.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Switchboard's own signature, for every request signed with a shared secret that Switchboard
 * sends or accepts (deliveries of the helpdesk bridge, helpdesk events, the web form):
 * {@code X-Switchboard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>}.
 *
 * <p>The timestamp is inside the signed text, so a captured request cannot be replayed after the
 * tolerance; comparison is constant-time.
 */
public final class SwitchboardSignature {
    public static final String HEADER = "X-Switchboard-Signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    /** What a check found; only {@link #VALID} lets a request through. */
    public enum Verdict {
        VALID("valid"),
        MISSING("missing " + HEADER + " header"),
        MALFORMED(HEADER + " must look like t=<unix seconds>,v1=<hex>"),
        EXPIRED("signature timestamp is outside the accepted window"),
        MISMATCH("signature does not match the body");

        private final String description;

        Verdict(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private SwitchboardSignature() {}

    public static String sign(String secret, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, t, body));
    }

    public static Verdict check(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        Long t = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            try {
                if (kv[0].equals("t")) {
                    t = Long.parseLong(kv[1]);
                } else if (kv[0].equals("v1")) {
                    given = HexFormat.of().parseHex(kv[1]);
                }
            } catch (IllegalArgumentException e) {
                return Verdict.MALFORMED;
            }
        }
        if (t == null || given == null) {
            return Verdict.MALFORMED;
        }
        if (Duration.between(Instant.ofEpochSecond(t), now).abs().compareTo(tolerance) > 0) {
            return Verdict.EXPIRED;
        }
        return MessageDigest.isEqual(hmac(secret, t, body), given) ? Verdict.VALID : Verdict.MISMATCH;
    }

    /** Why a signature header is not acceptable, or empty when it is. */
    public static Optional<String> problem(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        Verdict verdict = check(secret, header, body, now, tolerance);
        return verdict == Verdict.VALID
                ? Optional.empty()
                : Optional.of(
                        verdict == Verdict.EXPIRED
                                ? verdict.description() + " of " + tolerance
                                : verdict.description());
    }

    private static byte[] hmac(String secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
