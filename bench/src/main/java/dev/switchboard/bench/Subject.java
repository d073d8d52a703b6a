package dev.switchboard.bench;

import org.HdrHistogram.Histogram;

/**
 * One side of a router comparison as the benchmark sees it from outside: started on a namespace,
 * it turns the inbound messages into output records, and says how many messages it has fully
 * handled, when its first and last output arrived, and its end-to-end latencies.
 */
interface Subject extends AutoCloseable {
    String name();

    void start();

    /** Whether every Streams application of the side is RUNNING (started, partitions assigned). */
    boolean running();

    /** Messages whose first output is out (for the router: its ticket event). */
    long handled();

    /** Whether {@code expected} messages went all the way (for the router: a new ticket's assignment too). */
    boolean done(long expected);

    /** Output records seen, to tell progress from a stall. */
    long outputs();

    long lastOutputNanos();

    /** End-to-end latencies (microseconds) since the last call. */
    Histogram takeLatencies();

    @Override
    void close();
}
