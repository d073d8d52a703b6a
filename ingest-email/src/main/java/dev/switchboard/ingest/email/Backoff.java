package dev.switchboard.ingest.email;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential reconnect delays with jitter: the n-th failure in a row waits a random time
 * between half and all of {@code initial * 2^n}, capped at {@code max}, so many workers that
 * lost one server do not reconnect in step. A success resets it.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;
    private int failures;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The delay before the next attempt; counts one more failure. */
    public Duration next() {
        double base = Math.min((double) max.toMillis(), initial.toMillis() * Math.pow(2, Math.min(failures, 30)));
        failures++;
        double jittered = base / 2 + base / 2 * random.getAsDouble();
        return Duration.ofMillis(Math.max(1, Math.round(jittered)));
    }

    public void reset() {
        failures = 0;
    }

    public int failures() {
        return failures;
    }
}
