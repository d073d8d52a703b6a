package dev.switchboard.agents;

import dev.switchboard.calendar.CalendarSpec;
import dev.switchboard.calendar.Calendars;
import dev.switchboard.calendar.LocalPeriod;
import dev.switchboard.calendar.WeeklySchedule;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.events.Agent;
import dev.switchboard.events.Capacity;
import dev.switchboard.events.TimeRange;
import dev.switchboard.events.WeeklyPeriod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns the agents file into {@code Agent} events: shifts (the calendar file's hours syntax) into weekly periods, local
 * time-off ranges into instants in the agent's zone, a named holiday calendar into its dates.
 * Every problem names the agent and the key.
 */
public final class AgentMapper {
    private final Function<String, Optional<List<LocalDate>>> holidayCalendars;

    /** @param holidayCalendars the holiday dates of a named calendar, empty when there is none by that name */
    public AgentMapper(Function<String, Optional<List<LocalDate>>> holidayCalendars) {
        this.holidayCalendars = holidayCalendars;
    }

    /**
     * Reads an agents file, resolving holiday calendars from {@code calendarsFile} (or, when none
     * is given, {@code calendars.yaml} next to the agents file, if there is one).
     *
     * @throws ConfigException naming the file, the agent and the key
     */
    public static List<Agent> load(ConfigLoader loader, Path file, Optional<Path> calendarsFile, Instant now) {
        AgentsFile parsed = loader.load(file, AgentsFile.class);
        Path calendarPath = calendarsFile.orElseGet(
                () -> Optional.ofNullable(file.toAbsolutePath().getParent())
                        .map(dir -> dir.resolve("calendars.yaml"))
                        .orElse(Path.of("calendars.yaml")));
        Optional<Calendars> calendars = calendarsFile.isPresent() || Files.exists(calendarPath)
                ? Optional.of(Calendars.load(loader, calendarPath))
                : Optional.empty();
        AgentMapper mapper = new AgentMapper(name -> calendars
                .flatMap(c -> c.find(name))
                .map(c -> List.copyOf(calendars.get().holidays(name))));
        try {
            return mapper.agents(parsed, now);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    public List<Agent> agents(AgentsFile file, Instant now) {
        List<Agent> agents = new ArrayList<>();
        for (AgentsFile.Entry entry : file.agents()) {
            try {
                agents.add(agent(entry, now));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("agents[" + entry.id() + "]." + e.getMessage(), e);
            }
        }
        return agents;
    }

    private Agent agent(AgentsFile.Entry e, Instant now) {
        ZoneId zone = zone(e.timeZone());
        Set<String> holidays = new TreeSet<>();
        CalendarSpec.holidayDates(e.holidays()).forEach(d -> holidays.add(d.toString()));
        e.holidayCalendar()
                .ifPresent(name -> holidayCalendars
                        .apply(name)
                        .orElseThrow(() ->
                                new IllegalArgumentException("holiday-calendar: no calendar named '" + name + "'"))
                        .forEach(d -> holidays.add(d.toString())));
        return Agent.newBuilder()
                .setId(e.id())
                .setName(e.name())
                .setEmail(e.email().orElse(null))
                .setRoutingGroup(e.routingGroup())
                .setTeams(e.teams())
                .setIntents(lower(e.skills().intents()))
                .setChannels(lower(e.skills().channels()))
                .setProductAreas(e.skills().productAreas())
                .setLanguages(lower(e.languages()))
                .setRoles(e.roles())
                .setCapacity(capacity(e.capacity()))
                .setTimeZone(zone.getId())
                .setShifts(shifts(e.shifts()))
                .setTimeOff(timeOff(e.timeOff(), zone))
                .setHolidayCalendar(e.holidayCalendar().orElse(null))
                .setHolidays(List.copyOf(holidays))
                .setActive(e.active())
                .setUpdatedAt(now)
                .build();
    }

    private static Capacity capacity(Map<String, Integer> values) {
        Map<String, Integer> perKind = new HashMap<>();
        int total = 5;
        for (Map.Entry<String, Integer> v : values.entrySet()) {
            if (v.getValue() == null || v.getValue() < 0) {
                throw new IllegalArgumentException("capacity." + v.getKey() + ": expected a whole number ≥ 0");
            }
            if (v.getKey().equals("total")) {
                total = v.getValue();
            } else {
                perKind.put(v.getKey().toLowerCase(Locale.ROOT), v.getValue());
            }
        }
        if (!values.containsKey("total") && !perKind.isEmpty()) {
            total = perKind.values().stream().mapToInt(Integer::intValue).sum();
        }
        return Capacity.newBuilder().setTotal(total).setPerChannelKind(perKind).build();
    }

    /** Shifts use the calendar file's {@code hours} syntax, read by the same parser. */
    private static List<WeeklyPeriod> shifts(Map<String, List<String>> spec) {
        WeeklySchedule schedule;
        try {
            schedule = WeeklySchedule.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("shifts: " + e.getMessage().replaceFirst("^hours[.:] ?", ""));
        }
        List<WeeklyPeriod> periods = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            for (LocalPeriod p : schedule.on(day)) {
                periods.add(new WeeklyPeriod(day.getValue(), p.start(), p.end()));
            }
        }
        return periods;
    }

    private static List<TimeRange> timeOff(List<AgentsFile.TimeOff> ranges, ZoneId zone) {
        List<TimeRange> out = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            AgentsFile.TimeOff r = ranges.get(i);
            String at = "time-off[" + i + "]";
            if (r.from() == null || r.to() == null) {
                throw new IllegalArgumentException(at + ": from and to are required");
            }
            Instant start = instant(r.from(), zone, false, at + ".from");
            Instant end = instant(r.to(), zone, true, at + ".to");
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException(at + ": to must be after from");
            }
            out.add(new TimeRange(start, end, r.reason().orElse(null)));
        }
        return out;
    }

    /** A date means the whole day: its start for {@code from}, the start of the next day for {@code to}. */
    private static Instant instant(String text, ZoneId zone, boolean endOfRange, String at) {
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return (endOfRange ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(at + ": expected a date (2026-12-24) or local date-time"
                    + " (2026-12-24T13:00), got '" + text + "'");
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("time-zone: '" + id + "' is not an IANA time zone such as Africa/Cairo");
        }
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }
}
