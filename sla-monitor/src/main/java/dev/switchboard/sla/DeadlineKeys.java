package dev.switchboard.sla;

import java.time.Instant;

/**
 * Keys of the deadline index: the due moment as zero-padded epoch milliseconds, then the ticket id.
 * Their byte order is time order, so a range scan up to now reads exactly the tickets that are due.
 */
final class DeadlineKeys {
    static final String FIRST = "0".repeat(16);

    private DeadlineKeys() {}

    /** The key of a ticket's next deadline, rounded up to the millisecond so it never fires early. */
    static String of(Instant moment, String ticketId) {
        long millis = moment.toEpochMilli();
        if (moment.getNano() % 1_000_000 != 0) {
            millis++;
        }
        return String.format("%016d|%s", millis, ticketId);
    }

    /** The due moment of a key, in epoch milliseconds. */
    static long dueMillis(String key) {
        return Long.parseLong(key, 0, 16, 10);
    }
}
