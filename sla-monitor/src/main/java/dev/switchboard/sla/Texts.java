package dev.switchboard.sla;

import java.time.Duration;

/** Durations as people read them in alert notes: {@code 1h 5m}, {@code 42s}. */
final class Texts {
    private Texts() {}

    static String duration(Duration d) {
        Duration abs = d.abs();
        StringBuilder b = new StringBuilder(d.isNegative() ? "-" : "");
        if (abs.toDays() > 0) {
            b.append(abs.toDays()).append("d ");
        }
        if (abs.toHoursPart() > 0) {
            b.append(abs.toHoursPart()).append("h ");
        }
        if (abs.toMinutesPart() > 0) {
            b.append(abs.toMinutesPart()).append("m ");
        }
        if (abs.toSecondsPart() > 0 || b.length() <= 1) {
            b.append(abs.toSecondsPart());
            if (abs.toMillisPart() > 0 && abs.toMinutes() == 0) {
                b.append('.').append(String.format("%03d", abs.toMillisPart()));
            }
            b.append("s ");
        }
        return b.toString().trim();
    }
}
