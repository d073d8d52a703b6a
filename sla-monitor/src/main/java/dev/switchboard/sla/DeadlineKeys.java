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

    /** The inclusive upper bound of a scan for everything due at or before {@code now}. */
    static String upTo(Instant now) {
        // Every key due at now's millisecond sorts before the bare next millisecond.
        return String.format("%016d", now.toEpochMilli() + 1);
    }
}
