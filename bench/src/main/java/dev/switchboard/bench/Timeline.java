package dev.switchboard.bench;

import java.time.Duration;

/**
 * When each item of a measured run was done, counted from the run's start
 * ({@link System#nanoTime()} values): the run's rate from start to the last item, its rate in
 * steady state, and its time to the first item.
 */
record Timeline(long startNanos, long[] doneNanos) {
    int count() {
        return doneNanos.length;
    }

    Duration elapsed() {
        return Duration.ofNanos(count() == 0 ? 0 : doneNanos[count() - 1] - startNanos);
    }

    Duration toFirst() {
        return Duration.ofNanos(count() == 0 ? 0 : doneNanos[0] - startNanos);
    }

    /** Items per second from the start to the last item, start-up included. */
    double perSecond() {
        return count() / seconds(elapsed().toNanos());
    }

    /**
     * Items per second between the 10th and the 90th percentile item: without the start-up and the
     * last stragglers. Items that arrive in batches (a transaction's records) make this coarse
     * when a run has only a few batches.
     */
    double steadyPerSecond() {
        int from = count() / 10;
        int to = count() * 9 / 10;
        long span = to > from ? doneNanos[to] - doneNanos[from] : 0;
        return span <= 0 ? perSecond() : (to - from) / seconds(span);
    }

    private static double seconds(long nanos) {
        return Math.max(1, nanos) / 1e9;
    }
}
