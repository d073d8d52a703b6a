package dev.switchboard.ingest.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class BackoffProperties {

    @Property
    void everyDelayIsBetweenHalfAndAllOfTheCappedExponentialStep(
            @ForAll @LongRange(min = 1, max = 10_000) long initialMs,
            @ForAll @LongRange(min = 1, max = 600_000) long extraMs,
            @ForAll @IntRange(min = 0, max = 80) int failures,
            @ForAll @DoubleRange(min = 0.0, max = 1.0) double random) {
        long maxMs = initialMs + extraMs;
        Backoff backoff = new Backoff(Duration.ofMillis(initialMs), Duration.ofMillis(maxMs), () -> random);
        for (int i = 0; i < failures; i++) {
            backoff.next();
        }

        long delay = backoff.next().toMillis();

        double step = Math.min(maxMs, initialMs * Math.pow(2, Math.min(failures, 30)));
        assertThat(delay).isBetween((long) Math.floor(step / 2), (long) Math.ceil(step));
        assertThat(delay).isLessThanOrEqualTo(maxMs).isPositive();
    }
}
