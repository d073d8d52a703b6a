package dev.switchboard.calendar;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;

/**
 * The named calendars of {@code calendars.yaml}: business hours for SLA policies and holiday
 * calendars for agents (an agent's {@code holiday-calendar} names one). {@code 24/7} is always
 * defined and means open around the clock.
 */
public final class Calendars {
    private final Map<String, BusinessCalendar> byName;

    private Calendars(Map<String, BusinessCalendar> byName) {
        this.byName = byName;
    }

    /** The file's layout: {@code calendars:} maps each name to a {@link CalendarSpec}. */
    public record File(Map<String, CalendarSpec> calendars) {
        public File {
            calendars = calendars == null ? Map.of() : calendars;
            for (String name : calendars.keySet()) {
                if (name.equals(BusinessCalendar.ALWAYS_OPEN_NAME)) {
                    throw new IllegalArgumentException(
                            "calendars: '" + name + "' is built in (open around the clock) and cannot be redefined");
                }
                if (calendars.get(name) == null) {
                    throw new IllegalArgumentException("calendars." + name + ": is empty; it needs at least a zone");
                }
            }
        }
    }

    public static Calendars load(ConfigLoader loader, Path file) {
        return fromFile(loader.load(file, File.class));
    }

    public static Calendars parse(ConfigLoader loader, String source, String yaml) {
        return fromFile(loader.parse(source, yaml, File.class));
    }

    private static Calendars fromFile(File file) {
        Map<String, BusinessCalendar> byName = new LinkedHashMap<>();
        byName.put(BusinessCalendar.ALWAYS_OPEN_NAME, BusinessCalendar.alwaysOpen());
        file.calendars().forEach((name, spec) -> byName.put(name, spec.toCalendar(name)));
        return new Calendars(Map.copyOf(byName));
    }

    /** Only {@code 24/7} and the given calendars. */
    public static Calendars of(Collection<BusinessCalendar> calendars) {
        Map<String, BusinessCalendar> byName = new LinkedHashMap<>();
        byName.put(BusinessCalendar.ALWAYS_OPEN_NAME, BusinessCalendar.alwaysOpen());
        calendars.forEach(c -> byName.put(c.name(), c));
        return new Calendars(Map.copyOf(byName));
    }

    public Optional<BusinessCalendar> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The calendar of this name; a {@link ConfigException} listing the known names when there is none. */
    public BusinessCalendar get(String name) {
        BusinessCalendar calendar = byName.get(name);
        if (calendar == null) {
            throw new ConfigException("unknown calendar '" + name + "'; known calendars: "
                    + String.join(", ", List.copyOf(new java.util.TreeSet<>(byName.keySet()))));
        }
        return calendar;
    }

    /** The holiday dates of a calendar, for agents that follow it ({@code holiday-calendar}). */
    public NavigableSet<LocalDate> holidays(String name) {
        return get(name).holidays();
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
