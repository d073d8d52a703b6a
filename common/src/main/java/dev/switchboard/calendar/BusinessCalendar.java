package dev.switchboard.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * When is someone working? One model for an SLA's business hours and an agent's shifts: weekly
 * wall-clock periods in an IANA zone (several a day, past midnight allowed), holidays by date,
 * date-range overrides of the weekly hours, and closures as ranges of instants (an agent's time
 * off). {@link #alwaysOpen()} is 24/7.
 *
 * <p>Wall-clock semantics: an instant is open when its local date-time in the zone falls in a
 * period of the day the period starts on (an override's hours on its dates, the weekly hours
 * otherwise), its local date is not a holiday, and no closure contains it. So across a DST change
 * a period follows the clock on the wall: a period starting inside a spring-forward gap opens when
 * the clock jumps past its start; in a fall-back overlap the repeated local hour is open (or
 * closed) both times. A holiday closes its whole local date, including the after-midnight part of a
 * period that started the day before.
 *
 * <p>The arithmetic is exact to the nanosecond and jumps from period to period (cost grows with
 * the number of periods crossed, never with minutes). Limits: a calendar that never opens again
 * answers {@link Optional#empty()}; one that is open around the clock after its last holiday,
 * override and closure reports no next change.
 */
public final class BusinessCalendar {
    /** The name of the calendar that is always open. */
    public static final String ALWAYS_OPEN_NAME = "24/7";

    /** Open without a break this long after the last irregularity means open for good. */
    private static final Duration FOREVER = Duration.ofDays(8);

    private static final BusinessCalendar ALWAYS_OPEN = builder(ALWAYS_OPEN_NAME, ZoneOffset.UTC)
            .weekly(WeeklySchedule.alwaysOpen())
            .build();

    private final String name;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final WeeklySchedule weekly;
    private final NavigableSet<LocalDate> holidays;
    private final List<DateOverride> overrides;
    private final List<InstantRange> closures;
    private final boolean aroundTheClock;
    /** The last date whose hours differ from the weekly ones; null when none. */
    private final LocalDate lastOverrideDate;
    /** From this instant on only the weekly hours (and the zone's DST rules) apply. */
    private final Instant settledAfter;

    private BusinessCalendar(Builder b) {
        this.name = b.name;
        this.zone = b.zone;
        this.rules = b.zone.getRules();
        this.weekly = b.weekly;
        this.holidays = Collections.unmodifiableNavigableSet(new TreeSet<>(b.holidays));
        this.overrides = List.copyOf(b.overrides);
        this.closures = mergeRanges(b.closures);
        this.lastOverrideDate = overrides.stream()
                .map(DateOverride::to)
                .max(Comparator.naturalOrder())
                .orElse(null);
        LocalDate lastDate = holidays.isEmpty() ? lastOverrideDate : holidays.last();
        if (lastOverrideDate != null && lastDate.isBefore(lastOverrideDate)) {
            lastDate = lastOverrideDate;
        }
        // A period of the last irregular date ends by the end of the next day, in any offset.
        Instant fromDates = lastDate == null
                ? Instant.MIN
                : lastDate.plusDays(2).atStartOfDay().toInstant(ZoneOffset.MIN);
        Instant fromClosures = closures.isEmpty()
                ? Instant.MIN
                : closures.get(closures.size() - 1).end();
        this.settledAfter = fromDates.isAfter(fromClosures) ? fromDates : fromClosures;
        this.aroundTheClock = weekly.isAlwaysOpen() && settledAfter.equals(Instant.MIN);
    }

    /** Open every instant: the {@code 24/7} calendar. */
    public static BusinessCalendar alwaysOpen() {
        return ALWAYS_OPEN;
    }

    public static Builder builder(String name, ZoneId zone) {
        return new Builder(name, zone);
    }

    /**
     * An agent's availability: weekly shifts in the agent's zone, holiday dates (in that zone) and
     * time off. Shifts whose end is at or before their start run past midnight.
     */
    public static BusinessCalendar ofShifts(
            String name,
            ZoneId zone,
            WeeklySchedule shifts,
            Collection<LocalDate> holidays,
            Collection<InstantRange> timeOff) {
        return builder(name, zone)
                .weekly(shifts)
                .holidays(holidays)
                .closures(timeOff)
                .build();
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    public WeeklySchedule weekly() {
        return weekly;
    }

    public NavigableSet<LocalDate> holidays() {
        return holidays;
    }

    public List<DateOverride> overrides() {
        return overrides;
    }

    /** Closed ranges of instants (time off), sorted, merged where they touch. */
    public List<InstantRange> closures() {
        return closures;
    }

    /** The same calendar with more holidays, e.g. an agent's shifts plus a region's holiday calendar. */
    public BusinessCalendar withHolidays(Collection<LocalDate> more) {
        return toBuilder().holidays(more).build();
    }

    /** The same calendar with more closed ranges, e.g. time off. */
    public BusinessCalendar withClosures(Collection<InstantRange> more) {
        return toBuilder().closures(more).build();
    }

    public Builder toBuilder() {
        Builder b = builder(name, zone).weekly(weekly).holidays(holidays).closures(closures);
        overrides.forEach(b::override);
        return b;
    }

    /** Is the calendar open at this instant? */
    public boolean isOpen(Instant t) {
        Span span = openSpanFrom(t);
        return span != null && span.start.equals(t);
    }

    /**
     * The first instant after {@code t} where the calendar changes between open and closed: when
     * open, the moment it closes ("on shift until 17:00 Africa/Cairo"); when closed, the moment it
     * opens. Empty when it never changes again.
     */
    public Optional<Instant> nextChange(Instant t) {
        Span span = openSpanFrom(t);
        if (span == null) {
            return Optional.empty();
        }
        return span.start.equals(t) ? Optional.ofNullable(span.end) : Optional.of(span.start);
    }

    /**
     * The open time containing {@code t} (from {@code t} on) or else the next one: its start and,
     * unless it never closes, its end. Empty when the calendar never opens again.
     */
    public Optional<OpenSpan> openSpan(Instant t) {
        Span span = openSpanFrom(t);
        return span == null ? Optional.empty() : Optional.of(new OpenSpan(span.start, Optional.ofNullable(span.end)));
    }

    /**
     * The instant at which {@code amount} of open time has passed since {@code start}: the earliest
     * {@code u >= start} with {@code businessTimeBetween(start, u) == amount}. A due time. Empty when
     * the calendar never accumulates that much.
     */
    public Optional<Instant> addBusinessTime(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("cannot add a negative business time: " + amount);
        }
        if (amount.isZero()) {
            return Optional.of(start);
        }
        if (aroundTheClock) {
            return Optional.of(start.plus(amount));
        }
        Duration remaining = amount;
        OpenCursor cursor = new OpenCursor(start);
        for (Instant[] piece = cursor.next(); piece != null; piece = cursor.next()) {
            Duration length = Duration.between(piece[0], piece[1]);
            if (remaining.compareTo(length) <= 0) {
                return Optional.of(piece[0].plus(remaining));
            }
            remaining = remaining.minus(length);
        }
        return Optional.empty();
    }

    /** Open time between two instants; negative when {@code to} is before {@code from}. */
    public Duration businessTimeBetween(Instant from, Instant to) {
        if (to.isBefore(from)) {
            return businessTimeBetween(to, from).negated();
        }
        if (aroundTheClock) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        OpenCursor cursor = new OpenCursor(from);
        for (Instant[] piece = cursor.next(); piece != null && piece[0].isBefore(to); piece = cursor.next()) {
            Instant end = piece[1].isAfter(to) ? to : piece[1];
            total = total.plus(Duration.between(piece[0], end));
        }
        return total;
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + name + ", " + zone + "]";
    }

    /** A stretch of open time: it starts at {@code start} and ends at {@code end}, if ever. */
    public record OpenSpan(Instant start, Optional<Instant> end) {}

    // ---------------------------------------------------------------- the walk

    private record Span(Instant start, Instant end) {}

    /** The maximal open span containing {@code t} (clipped to start at t) or the next one; null if none. */
    private Span openSpanFrom(Instant t) {
        if (aroundTheClock) {
            return new Span(t, null);
        }
        OpenCursor cursor = new OpenCursor(t);
        Instant[] first = cursor.next();
        if (first == null) {
            return null;
        }
        Instant start = first[0];
        Instant end = first[1];
        while (true) {
            Instant base = start.isAfter(settledAfter) ? start : settledAfter;
            if (!end.isBefore(base.plus(FOREVER))) {
                return new Span(start, null);
            }
            Instant[] next = cursor.next();
            if (next == null || next[0].isAfter(end)) {
                return new Span(start, end);
            }
            if (next[1].isAfter(end)) {
                end = next[1];
            }
        }
    }

    private WeeklySchedule hoursOn(LocalDate day) {
        for (DateOverride o : overrides) {
            if (o.covers(day)) {
                return o.hours();
            }
        }
        return weekly;
    }

    /**
     * Open local date-time ranges {@code [a, b)} from a local date-time on, in order, holidays cut
     * out, touching ranges merged (up to {@link #FOREVER} long, so an always-open week still yields).
     */
    private final class LocalCursor {
        private final LocalDateTime from;
        private final ArrayDeque<LocalDateTime[]> pending = new ArrayDeque<>();
        private LocalDate nextDay;

        LocalCursor(LocalDateTime from) {
            this.from = from;
            // A period of the day before may run past midnight into from's day.
            this.nextDay = from.toLocalDate().minusDays(1);
        }

        LocalDateTime[] next() {
            LocalDateTime[] current;
            do {
                if (!fill()) {
                    return null;
                }
                current = pending.poll();
            } while (!current[1].isAfter(from));
            while (Duration.between(current[0], current[1]).compareTo(FOREVER) < 0) {
                // Every range that starts at or before current's end comes from a day up to its date.
                while (!nextDay.isAfter(current[1].toLocalDate())) {
                    expandDay();
                }
                LocalDateTime[] following = pending.peek();
                if (following == null || following[0].isAfter(current[1])) {
                    break;
                }
                pending.poll();
                if (following[1].isAfter(current[1])) {
                    current = new LocalDateTime[] {current[0], following[1]};
                }
            }
            return current;
        }

        private boolean fill() {
            while (pending.isEmpty()) {
                boolean noMoreHours =
                        weekly.isEmpty() && (lastOverrideDate == null || nextDay.isAfter(lastOverrideDate));
                if (noMoreHours) {
                    return false;
                }
                expandDay();
            }
            return true;
        }

        /** Adds the ranges of the periods starting on the next day; they start no earlier than what is pending. */
        private void expandDay() {
            LocalDate day = nextDay;
            nextDay = day.plusDays(1);
            List<LocalDateTime[]> ranges = new ArrayList<>();
            for (LocalPeriod p : hoursOn(day).on(day.getDayOfWeek())) {
                addWithoutHolidays(p.startOn(day), p.endOn(day), ranges);
            }
            ranges.sort(Comparator.comparing(r -> r[0]));
            pending.addAll(ranges);
        }

        private void addWithoutHolidays(LocalDateTime a, LocalDateTime b, List<LocalDateTime[]> out) {
            if (holidays.isEmpty()) {
                out.add(new LocalDateTime[] {a, b});
                return;
            }
            LocalDateTime s = a;
            while (s.isBefore(b)) {
                LocalDateTime midnight = s.toLocalDate().plusDays(1).atStartOfDay();
                LocalDateTime e = midnight.isBefore(b) ? midnight : b;
                if (!holidays.contains(s.toLocalDate())) {
                    if (!out.isEmpty() && out.get(out.size() - 1)[1].equals(s)) {
                        out.get(out.size() - 1)[1] = e;
                    } else {
                        out.add(new LocalDateTime[] {s, e});
                    }
                }
                s = e;
            }
        }
    }

    /**
     * Open instants {@code [s, e)} from an instant on, in order, before closures: local ranges
     * mapped through each stretch of constant UTC offset, so DST gaps and overlaps are exact.
     */
    private final class PieceCursor {
        private Instant cursor;
        private ZoneOffset offset;
        private Instant segmentEnd;
        private LocalCursor local;

        PieceCursor(Instant from) {
            enterSegment(from);
        }

        private void enterSegment(Instant at) {
            cursor = at;
            offset = rules.getOffset(at);
            ZoneOffsetTransition next = rules.nextTransition(at);
            segmentEnd = next == null ? null : next.getInstant();
            local = new LocalCursor(LocalDateTime.ofEpochSecond(at.getEpochSecond(), at.getNano(), offset));
        }

        Instant[] next() {
            while (true) {
                LocalDateTime[] range = local.next();
                if (range == null) {
                    // Nothing open from this wall-clock time on; only a clock set back can show earlier hours again.
                    if (segmentEnd != null
                            && rules.getOffset(segmentEnd).getTotalSeconds() < offset.getTotalSeconds()) {
                        enterSegment(segmentEnd);
                        continue;
                    }
                    return null;
                }
                Instant a = range[0].toInstant(offset);
                Instant b = range[1].toInstant(offset);
                if (segmentEnd != null && !a.isBefore(segmentEnd)) {
                    enterSegment(segmentEnd);
                    continue;
                }
                Instant s = a.isAfter(cursor) ? a : cursor;
                Instant e = b;
                if (segmentEnd != null && b.isAfter(segmentEnd)) {
                    e = segmentEnd;
                    enterSegment(segmentEnd);
                } else {
                    cursor = e;
                }
                if (e.isAfter(s)) {
                    return new Instant[] {s, e};
                }
            }
        }
    }

    /** Open instants from an instant on, in order, closures cut out. */
    private final class OpenCursor {
        private final PieceCursor pieces;
        private int closure;
        private Instant[] held;

        OpenCursor(Instant from) {
            this.pieces = new PieceCursor(from);
            this.closure = firstClosureEndingAfter(from);
        }

        Instant[] next() {
            while (true) {
                Instant[] p = held != null ? held : pieces.next();
                held = null;
                if (p == null) {
                    return null;
                }
                while (closure < closures.size() && !closures.get(closure).end().isAfter(p[0])) {
                    closure++;
                }
                if (closure == closures.size()) {
                    return p;
                }
                InstantRange c = closures.get(closure);
                if (!c.start().isBefore(p[1])) {
                    return p;
                }
                if (c.end().isBefore(p[1])) {
                    held = new Instant[] {c.end(), p[1]};
                }
                if (c.start().isAfter(p[0])) {
                    return new Instant[] {p[0], c.start()};
                }
            }
        }

        private int firstClosureEndingAfter(Instant t) {
            int lo = 0;
            int hi = closures.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (closures.get(mid).end().isAfter(t)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }
    }

    private static List<InstantRange> mergeRanges(Collection<InstantRange> ranges) {
        List<InstantRange> sorted = ranges.stream()
                .filter(r -> !r.isEmpty())
                .sorted(Comparator.comparing(InstantRange::start))
                .toList();
        List<InstantRange> merged = new ArrayList<>();
        for (InstantRange r : sorted) {
            InstantRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !r.start().isAfter(last.end())) {
                if (r.end().isAfter(last.end())) {
                    merged.set(merged.size() - 1, new InstantRange(last.start(), r.end()));
                }
            } else {
                merged.add(r);
            }
        }
        return List.copyOf(merged);
    }

    /** Builds a calendar; every part is optional except the name and zone. */
    public static final class Builder {
        private final String name;
        private final ZoneId zone;
        private WeeklySchedule weekly = WeeklySchedule.closed();
        private final List<LocalDate> holidays = new ArrayList<>();
        private final List<DateOverride> overrides = new ArrayList<>();
        private final List<InstantRange> closures = new ArrayList<>();

        private Builder(String name, ZoneId zone) {
            this.name = Objects.requireNonNull(name, "name");
            this.zone = Objects.requireNonNull(zone, "zone");
        }

        public Builder weekly(WeeklySchedule hours) {
            this.weekly = Objects.requireNonNull(hours, "hours");
            return this;
        }

        public Builder holiday(LocalDate day) {
            holidays.add(Objects.requireNonNull(day, "day"));
            return this;
        }

        public Builder holidays(Collection<LocalDate> days) {
            days.forEach(this::holiday);
            return this;
        }

        /** Overrides apply in the order added: the first one covering a date sets its hours. */
        public Builder override(DateOverride override) {
            overrides.add(Objects.requireNonNull(override, "override"));
            return this;
        }

        public Builder closed(InstantRange range) {
            closures.add(Objects.requireNonNull(range, "range"));
            return this;
        }

        public Builder closures(Collection<InstantRange> ranges) {
            ranges.forEach(this::closed);
            return this;
        }

        public BusinessCalendar build() {
            return new BusinessCalendar(this);
        }
    }
}
