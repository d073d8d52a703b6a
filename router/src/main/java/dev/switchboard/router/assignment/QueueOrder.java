package dev.switchboard.router.assignment;

import dev.switchboard.events.Priority;
import java.time.Instant;
import java.util.Optional;

/**
 * The order of a routing group's queue as a text key that sorts the same way, byte by byte: higher
 * priority first, then the earlier SLA due time (tickets without one after those with one), then
 * the older ticket, then the ticket id. Every part has a fixed width, so a store whose keys sort
 * lexicographically (RocksDB) keeps the queue in order and its head is the first key of a range.
 *
 * <p>{@code 0|1764147600000|1764140400000|SB-1}: priority rank (URGENT 0 … LOW 3), due and creation
 * in epoch milliseconds, 13 digits (until the year 2286).
 */
public final class QueueOrder {
    private static final long NONE = 9_999_999_999_999L;

    private QueueOrder() {}

    public static String key(Priority priority, Optional<Instant> due, Instant createdAt, String ticketId) {
        int rank = Priority.URGENT.ordinal() - priority.ordinal();
        return rank + "|" + millis(due.map(Instant::toEpochMilli).orElse(NONE)) + "|" + millis(createdAt.toEpochMilli())
                + "|" + ticketId;
    }

    /** The ticket id at the end of a key. */
    public static String ticketOf(String key) {
        return key.substring(key.indexOf('|', key.indexOf('|', 2) + 1) + 1);
    }

    private static String millis(long value) {
        long clamped = Math.max(0, Math.min(NONE, value));
        String digits = Long.toString(clamped);
        return "0".repeat(13 - digits.length()) + digits;
    }
}
