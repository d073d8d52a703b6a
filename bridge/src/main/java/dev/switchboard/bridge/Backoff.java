package dev.switchboard.bridge;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with equal jitter: retry n waits between half and all of
 * min(max, initial * 2^(n-1)), so receivers recovering from an outage are not hit in lockstep.
 */
public record Backoff(Duration initial, Duration max, RandomGenerator random) {

    public Duration delayBefore(int retry) {
        long cap = initial.toMillis() * (1L << Math.min(30, Math.max(0, retry - 1)));
        long bound = Math.max(1, Math.min(max.toMillis(), cap));
        return Duration.ofMillis(bound / 2 + random.nextLong(bound / 2 + 1));
    }
}
