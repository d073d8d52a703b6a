package dev.switchboard.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Different weekly hours for a range of dates, both ends included: shorter hours during Ramadan,
 * longer ones in peak season, a half day before a holiday. An override with no hours closes the
 * calendar for those dates. A period belongs to the date it starts on, so it follows that date's
 * hours.
 */
public record DateOverride(String name, LocalDate from, LocalDate to, WeeklySchedule hours) {
    public DateOverride {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(hours, "hours");
        name = name == null || name.isBlank() ? from + ".." + to : name;
        if (to.isBefore(from)) {
            throw new IllegalArgumentException(
                    "override '" + name + "' ends (" + to + ") before it starts (" + from + ")");
        }
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
