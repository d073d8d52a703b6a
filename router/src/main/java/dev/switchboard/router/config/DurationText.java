package dev.switchboard.router.config;

import java.time.Duration;

/** Durations as people and the configuration write them: {@code 7d}, {@code 2h}, {@code 1h30m}, {@code 45s}. */
public final class DurationText {
    private DurationText() {}

    public static String of(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        long seconds = d.toSecondsPart();
        if (days > 0) {
            b.append(days).append('d');
        }
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (minutes > 0) {
            b.append(minutes).append('m');
        }
        if (seconds > 0 || b.isEmpty()) {
            b.append(seconds).append('s');
        }
        return b.toString();
    }
}
