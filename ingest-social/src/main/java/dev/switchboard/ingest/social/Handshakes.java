package dev.switchboard.ingest.social;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The subscription handshakes platforms use to prove we own the endpoint.
 *
 * <ul>
 *   <li>Meta and WhatsApp: {@code GET ?hub.mode=subscribe&hub.verify_token=T&hub.challenge=C}; when
 *       T is our verify token, answer C as plain text, otherwise 403.
 *   <li>X (CRC): {@code GET ?crc_token=T}; answer {@code {"response_token":"sha256=<base64
 *       HMAC-SHA256(consumer secret, T)>"}}.
 * </ul>
 */
final class Handshakes {
    private Handshakes() {}

    /** The challenge to echo, or empty when the request is not a subscription with our token. */
    static Optional<String> metaChallenge(String mode, String token, String challenge, String verifyToken) {
        if (!"subscribe".equals(mode) || token == null || challenge == null) {
            return Optional.empty();
        }
        // Constant time, like signatures: the token is a secret too.
        boolean matches = MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), verifyToken.getBytes(StandardCharsets.UTF_8));
        return matches ? Optional.of(challenge) : Optional.empty();
    }

    /** X's CRC response token for {@code crcToken}: {@code sha256=<base64 HMAC>}. */
    static String crcResponseToken(String consumerSecret, String crcToken) {
        return new WebhookSignature("", WebhookSignature.Encoding.BASE64, consumerSecret)
                .sign(crcToken.getBytes(StandardCharsets.UTF_8));
    }
}
