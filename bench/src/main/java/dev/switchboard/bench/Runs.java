package dev.switchboard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waiting for a subject to finish its input, and what a run measured. */
final class Runs {
    private static final Logger log = LoggerFactory.getLogger(Runs.class);

    private Runs() {}

    /**
     * Throughput of one subject over a backlog that was written before it started: from the moment
     * its applications are RUNNING (start-up and the first rebalance are not throughput) to its
     * last output.
     */
    record Throughput(String subject, long messages, double seconds, boolean complete) {
        double perSecond() {
            return seconds <= 0 ? 0 : messages / seconds;
        }
    }

    /**
     * Waits until the subject has handled {@code expected} messages in all, or stops making
     * progress for {@code idle} (then the run is reported incomplete, never silently shortened).
     */
    static boolean await(Subject s, long expected, Duration idle) {
        long lastOutputs = -1;
        long lastProgress = System.nanoTime();
        long lastLog = System.nanoTime();
        while (!s.done(expected)) {
            long outputs = s.outputs();
            long now = System.nanoTime();
            if (outputs != lastOutputs) {
                lastOutputs = outputs;
                lastProgress = now;
            } else if (now - lastProgress > idle.toNanos()) {
                log.warn("{} stalled at {} of {} messages", s.name(), s.handled(), expected);
                return false;
            }
            if (now - lastLog > TimeUnit.SECONDS.toNanos(10)) {
                log.info("{}: {} of {} messages", s.name(), s.handled(), expected);
                lastLog = now;
            }
            sleepBriefly();
        }
        return true;
    }

    static Throughput throughput(Subject s, long expected, Duration idle) {
        long deadline = System.nanoTime() + idle.toNanos();
        while (!s.running() && System.nanoTime() < deadline) {
            sleepBriefly();
        }
        long running = System.nanoTime();
        boolean complete = await(s, expected, idle);
        double seconds = (s.lastOutputNanos() - running) / 1e9;
        return new Throughput(s.name(), complete ? expected : s.handled(), seconds, complete);
    }

    /**
     * Heap in use after a full collection, as near as the JVM lets us ask: what each heap pool held
     * when the collection ended (its collection usage), so the clients' allocations in the moments
     * after it do not count. Heap used now, where a pool does not report that.
     */
    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                sleepBriefly();
            }
            System.gc();
        }
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP) {
                continue;
            }
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (afterGc == null) {
                return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            }
            used += afterGc.getUsed();
        }
        return used;
    }

    static String percentiles(Histogram h) {
        return String.format(
                Locale.ROOT,
                "n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms",
                h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0);
    }

    private static void sleepBriefly() {
        try {
            // Polling a watcher from the benchmark's own thread, not a test waiting on time.
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
