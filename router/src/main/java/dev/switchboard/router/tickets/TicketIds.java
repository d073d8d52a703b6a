package dev.switchboard.router.tickets;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ticket ids such as {@code SB-2KQ4}: short enough to read out on the phone, unique across
 * partitions and instances, and the same after a replay.
 *
 * <p>The number behind the id is {@code counter × 1024 + shard}, where the shard is the
 * partition of the router task that created the ticket and the counter is that task's own
 * sequence, kept in a state store (exactly-once: the counter and the events it numbered commit
 * together, so a restart continues where the last commit left off and a replay of the same input
 * yields the same ids). Two partitions never produce the same number, and the router routes a
 * ticket's later events to the partition named by its shard. It is written in Crockford's base 32
 * (digits and capitals without I, L, O, U, which people mishear or misread): a million tickets
 * per partition still fit in six characters. Reading an id forgives lower case and the letters
 * people confuse (o → 0, i and l → 1). Limit: at most 1024 partitions.
 */
public final class TicketIds {
    public static final String PREFIX = "SB-";
    public static final int SHARDS = 1024;

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Pattern SUBJECT_TOKEN = Pattern.compile("(?i)\\[\\s*#?\\s*(SB-[0-9A-Z]{2,13})\\s*]");

    private TicketIds() {}

    /** @param counter the task's ticket number, from 1 */
    public static String id(long counter, int shard) {
        if (shard < 0 || shard >= SHARDS) {
            throw new IllegalArgumentException("shard must be within 0.." + (SHARDS - 1) + ", got " + shard);
        }
        if (counter < 1) {
            throw new IllegalArgumentException("counter starts at 1, got " + counter);
        }
        return PREFIX + encode(Math.addExact(Math.multiplyExact(counter, SHARDS), shard));
    }

    /** The shard (creating partition) of a ticket id, if it is one of ours. */
    public static Optional<Integer> shard(String ticketId) {
        return decode(ticketId).map(n -> (int) (n % SHARDS));
    }

    public static boolean isTicketId(String text) {
        return text != null && decode(text).isPresent();
    }

    /** The ticket token in a subject, e.g. {@code "Re: [#SB-2KQ4] your refund"} → {@code SB-2KQ4}. */
    public static Optional<String> fromSubject(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = SUBJECT_TOKEN.matcher(subject);
        while (m.find()) {
            Optional<String> id = canonical(m.group(1));
            if (id.isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }

    /** The canonical spelling of an id read by a person ({@code sb-2kq4} → {@code SB-2KQ4}). */
    public static Optional<String> canonical(String text) {
        return decode(text).map(n -> PREFIX + encode(n));
    }

    static String encode(long value) {
        StringBuilder b = new StringBuilder();
        long v = value;
        do {
            b.append(ALPHABET.charAt((int) (v & 31)));
            v >>>= 5;
        } while (v > 0);
        return b.reverse().toString();
    }

    static Optional<Long> decode(String ticketId) {
        if (ticketId == null) {
            return Optional.empty();
        }
        String text = ticketId.trim().toUpperCase(Locale.ROOT);
        if (!text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String digits = text.substring(PREFIX.length())
                .replace('O', '0')
                .replace('I', '1')
                .replace('L', '1');
        if (digits.isEmpty() || digits.length() > 12) {
            return Optional.empty();
        }
        long value = 0;
        for (char c : digits.toCharArray()) {
            int d = ALPHABET.indexOf(c);
            if (d < 0) {
                return Optional.empty();
            }
            value = value * 32 + d;
        }
        return value >= SHARDS ? Optional.of(value) : Optional.empty();
    }
}
