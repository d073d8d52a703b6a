package dev.switchboard.calendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One calendar as written in {@code calendars.yaml}.
 *
 * <pre>
 * riyadh-office:
 *   zone: Asia/Riyadh
 *   hours:
 *     sunday-thursday: [09:00-13:00, 16:00-20:00]   # Friday and Saturday are the weekend
 *   holidays: [2026-09-23, 2027-03-09..2027-03-12]
 *   overrides:
 *     - name: ramadan-1448
 *       from: 2027-02-08
 *       to: 2027-03-08
 *       hours:
 *         sunday-thursday: [10:00-15:00]
 * </pre>
 */
public record CalendarSpec(
        ZoneId zone, Map<String, List<String>> hours, List<String> holidays, List<OverrideSpec> overrides) {
    public CalendarSpec {
        if (zone == null) {
            throw new IllegalArgumentException("zone is required (an IANA time zone such as Europe/London)");
        }
        hours = hours == null ? Map.of() : hours;
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        // Parse once here so a mistake stops the service at start with the key's path.
        WeeklySchedule.parse(hours);
        holidayDates(holidays);
    }

    /** The calendar this spec describes, under the given name. */
    public BusinessCalendar toCalendar(String name) {
        BusinessCalendar.Builder b = BusinessCalendar.builder(name, zone)
                .weekly(WeeklySchedule.parse(hours))
                .holidays(holidayDates(holidays));
        for (OverrideSpec o : overrides) {
            b.override(new DateOverride(o.name(), o.from(), o.to(), WeeklySchedule.parse(o.hours())));
        }
        return b.build();
    }

    /** Expands {@code 2026-12-25} and {@code 2027-03-09..2027-03-12} (both ends included) into dates. */
    public static List<LocalDate> holidayDates(List<String> entries) {
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i) == null ? "" : entries.get(i).trim();
            try {
                int dots = entry.indexOf("..");
                if (dots < 0) {
                    dates.add(LocalDate.parse(entry));
                    continue;
                }
                LocalDate from = LocalDate.parse(entry.substring(0, dots).trim());
                LocalDate to = LocalDate.parse(entry.substring(dots + 2).trim());
                if (to.isBefore(from) || from.plusYears(1).isBefore(to)) {
                    throw new IllegalArgumentException("holidays[" + i + "]: '" + entry
                            + "' must end on or after its start and last at most a year");
                }
                from.datesUntil(to.plusDays(1)).forEach(dates::add);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("holidays[" + i + "]: expected a date such as 2026-12-25 or a range"
                        + " such as 2027-03-09..2027-03-12, got '" + entry + "'");
            }
        }
        return dates;
    }

    /** Different hours from {@code from} to {@code to}, both included. */
    public record OverrideSpec(String name, LocalDate from, LocalDate to, Map<String, List<String>> hours) {
        public OverrideSpec {
            if (from == null || to == null) {
                throw new IllegalArgumentException("an override needs from and to dates");
            }
            if (to.isBefore(from)) {
                throw new IllegalArgumentException(
                        "override '" + name + "' ends (" + to + ") before it starts (" + from + ")");
            }
            hours = hours == null ? Map.of() : hours;
            WeeklySchedule.parse(hours);
        }
    }
}
