package dev.switchboard.calendar;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Opening hours for each day of the week, several periods a day allowed, in wall-clock time.
 * Days without periods are closed, which is how a region's weekend is written (Saturday–Sunday in
 * Europe, Friday–Saturday in much of the Arab world). Periods may overlap; the calendar is open
 * in their union.
 */
public final class WeeklySchedule {
    private static final WeeklySchedule CLOSED = new WeeklySchedule(new EnumMap<>(DayOfWeek.class));
    private static final WeeklySchedule ALWAYS_OPEN = alwaysOpenSchedule();
    private static final Map<String, DayOfWeek> DAY_NAMES = dayNames();

    private final Map<DayOfWeek, List<LocalPeriod>> periods;

    private WeeklySchedule(Map<DayOfWeek, List<LocalPeriod>> periods) {
        EnumMap<DayOfWeek, List<LocalPeriod>> copy = new EnumMap<>(DayOfWeek.class);
        periods.forEach((day, list) -> {
            if (!list.isEmpty()) {
                List<LocalPeriod> sorted = new ArrayList<>(list);
                Collections.sort(sorted);
                copy.put(day, List.copyOf(sorted));
            }
        });
        this.periods = Collections.unmodifiableMap(copy);
    }

    /** Never open. */
    public static WeeklySchedule closed() {
        return CLOSED;
    }

    /** Open every day, all day. */
    public static WeeklySchedule alwaysOpen() {
        return ALWAYS_OPEN;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the {@code hours:} mapping of a calendar file: keys are a day ({@code monday},
     * {@code mon}), a range of days ({@code monday-friday}, {@code sunday-thursday}, wrapping past
     * Sunday) or {@code every-day}; values are lists of periods ({@code 09:00-13:00}). A day may
     * appear under one key only, so a typo cannot silently double a day's hours.
     */
    public static WeeklySchedule parse(Map<String, List<String>> spec) {
        Builder b = builder();
        Map<DayOfWeek, String> seen = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, List<String>> e : (spec == null ? Map.<String, List<String>>of() : spec).entrySet()) {
            Set<DayOfWeek> days = parseDays(e.getKey());
            for (DayOfWeek day : days) {
                String previous = seen.put(day, e.getKey());
                if (previous != null) {
                    throw new IllegalArgumentException(
                            "hours: " + day.toString().toLowerCase(Locale.ROOT) + " appears under both '" + previous
                                    + "' and '" + e.getKey() + "'");
                }
            }
            List<String> values = e.getValue() == null ? List.of() : e.getValue();
            for (String value : values) {
                LocalPeriod period;
                try {
                    period = LocalPeriod.parse(value);
                } catch (IllegalArgumentException ex) {
                    // No cause: the config loader reports the root cause, and this message names the key.
                    throw new IllegalArgumentException("hours." + e.getKey() + ": " + ex.getMessage());
                }
                days.forEach(day -> b.add(day, period));
            }
        }
        return b.build();
    }

    /** The days a key such as {@code sunday-thursday}, {@code sat} or {@code every-day} stands for. */
    public static Set<DayOfWeek> parseDays(String key) {
        String k = key == null ? "" : key.trim().toLowerCase(Locale.ROOT);
        if (k.equals("every-day") || k.equals("daily")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        int dash = k.indexOf('-');
        if (dash < 0) {
            return EnumSet.of(day(k, key));
        }
        DayOfWeek from = day(k.substring(0, dash), key);
        DayOfWeek to = day(k.substring(dash + 1), key);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek d = from; ; d = d.plus(1)) {
            days.add(d);
            if (d == to) {
                return days;
            }
        }
    }

    private static DayOfWeek day(String name, String key) {
        DayOfWeek day = DAY_NAMES.get(name);
        if (day == null) {
            throw new IllegalArgumentException("hours: unknown day '" + name + "' in '" + key
                    + "'; write a day (monday or mon), a range (sunday-thursday) or every-day");
        }
        return day;
    }

    /** The periods that start on this day of the week, ordered by start. */
    public List<LocalPeriod> on(DayOfWeek day) {
        return periods.getOrDefault(day, List.of());
    }

    public boolean isEmpty() {
        return periods.isEmpty();
    }

    /** True when every day has a whole-day period from midnight: open around the clock. */
    public boolean isAlwaysOpen() {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (on(day).stream()
                    .noneMatch(
                            p -> p.start().equals(LocalTime.MIDNIGHT) && p.end().equals(LocalTime.MIDNIGHT))) {
                return false;
            }
        }
        return true;
    }

    /** The days and their periods, Monday first; closed days are absent. */
    public Map<DayOfWeek, List<LocalPeriod>> asMap() {
        return periods;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeeklySchedule other && periods.equals(other.periods);
    }

    @Override
    public int hashCode() {
        return periods.hashCode();
    }

    @Override
    public String toString() {
        Map<String, List<LocalPeriod>> named = new LinkedHashMap<>();
        periods.forEach((day, list) -> named.put(day.toString().toLowerCase(Locale.ROOT), list));
        return named.toString();
    }

    private static WeeklySchedule alwaysOpenSchedule() {
        Builder b = builder();
        for (DayOfWeek day : DayOfWeek.values()) {
            b.add(day, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        }
        return b.build();
    }

    private static Map<String, DayOfWeek> dayNames() {
        Map<String, DayOfWeek> names = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.toString().toLowerCase(Locale.ROOT);
            names.put(full, day);
            names.put(full.substring(0, 3), day);
        }
        return Map.copyOf(names);
    }

    /** Collects periods day by day. */
    public static final class Builder {
        private final Map<DayOfWeek, List<LocalPeriod>> periods = new EnumMap<>(DayOfWeek.class);

        private Builder() {}

        public Builder add(DayOfWeek day, LocalPeriod period) {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(period, "period");
            periods.computeIfAbsent(day, d -> new ArrayList<>()).add(period);
            return this;
        }

        public Builder add(DayOfWeek day, LocalTime start, LocalTime end) {
            return add(day, new LocalPeriod(start, end));
        }

        /** The same period on each of the given days. */
        public Builder add(Set<DayOfWeek> days, LocalPeriod period) {
            days.forEach(day -> add(day, period));
            return this;
        }

        public WeeklySchedule build() {
            return periods.isEmpty() ? CLOSED : new WeeklySchedule(periods);
        }
    }
}
