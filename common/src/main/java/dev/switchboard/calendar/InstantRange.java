package dev.switchboard.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open range of instants {@code [start, end)}, e.g. an agent's time off. */
public record InstantRange(Instant start, Instant end) {
    public InstantRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("range ends (" + end + ") before it starts (" + start + ")");
        }
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    public boolean isEmpty() {
        return start.equals(end);
    }

    public Duration length() {
        return Duration.between(start, end);
    }
}
