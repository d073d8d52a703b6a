package dev.switchboard.ingest.email;

/**
 * A test hook at the moments where a crash must neither lose nor duplicate a message. Production
 * uses {@link #NONE}; tests throw from {@link #reached} to stop a worker exactly there, as a
 * {@code kill -9} would, and then start a new ingestor.
 */
@FunctionalInterface
public interface CrashPoints {
    CrashPoints NONE = (point, mailboxId) -> {};

    enum Point {
        /** A transaction has begun; nothing of the batch has been sent. */
        BEFORE_PRODUCE,
        /** Events, dead letters and the checkpoint are sent, the transaction is not committed. */
        AFTER_PRODUCE_BEFORE_COMMIT,
        /** The transaction is committed; the after-ingest action (mark seen, move) has not run. */
        AFTER_COMMIT_BEFORE_AFTER_INGEST
    }

    void reached(Point point, String mailboxId);
}
