package dev.switchboard.ingest.email;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * What identifies an ingested message across a UIDVALIDITY change: a hash of its Message-ID, a
 * hash of its content, and the server's receipt time (INTERNALDATE).
 *
 * <p>Stored in {@code MailboxCheckpoint.recentFingerprints} as {@code t=<epoch ms>;c=<hash>;m=<hash>}
 * (m absent without a Message-ID). Hashes are the first 16 hex digits of SHA-256: 64 bits, so a
 * false match among a few thousand remembered messages is practically impossible, and the
 * checkpoint stays small.
 */
public record Fingerprint(Instant receivedAt, String contentHash, Optional<String> messageIdHash) {
    public static Fingerprint of(Instant receivedAt, String contentHash, Optional<String> messageId) {
        return new Fingerprint(receivedAt, shortHash(contentHash), messageId.map(Fingerprint::hashOf));
    }

    public String format() {
        return "t=" + receivedAt.toEpochMilli() + ";c=" + contentHash
                + messageIdHash.map(m -> ";m=" + m).orElse("");
    }

    /** Parses a stored fingerprint; empty for anything this version did not write. */
    public static Optional<Fingerprint> parse(String text) {
        try {
            Instant t = null;
            String c = null;
            String m = null;
            for (String part : text.split(";")) {
                if (part.startsWith("t=")) {
                    t = Instant.ofEpochMilli(Long.parseLong(part.substring(2)));
                } else if (part.startsWith("c=")) {
                    c = part.substring(2);
                } else if (part.startsWith("m=")) {
                    m = part.substring(2);
                }
            }
            return t == null || c == null
                    ? Optional.empty()
                    : Optional.of(new Fingerprint(t, c, Optional.ofNullable(m)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the two describe the same message: same content, or same Message-ID. */
    public boolean matches(Fingerprint other) {
        return contentHash.equals(other.contentHash)
                || messageIdHash.isPresent() && messageIdHash.equals(other.messageIdHash);
    }

    static String hashOf(String text) {
        return shortHash(MimeReader.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String shortHash(String hex) {
        return hex.length() > 16 ? hex.substring(0, 16) : hex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && f.format().equals(format());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {format()});
    }
}
