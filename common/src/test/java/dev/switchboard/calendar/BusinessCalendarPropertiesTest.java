package dev.switchboard.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The calendar's period-jumping arithmetic agrees with the simplest possible reference: a walk
 * minute by minute that asks, for each minute, whether its wall-clock time is in a period of its
 * day or the day before, not on a holiday and not in a closure. Random calendars, zones with and
 * without DST (30-minute DST, transitions at midnight, +05:45), windows around DST transitions.
 * Every boundary is a whole minute, so the walk is exact.
 */
class BusinessCalendarPropertiesTest {
    private static final List<ZoneId> ZONES = List.of(
                    "America/New_York",
                    "Europe/London",
                    "Africa/Cairo",
                    "Asia/Riyadh",
                    "Asia/Manila",
                    "Australia/Sydney",
                    "Australia/Lord_Howe",
                    "America/Havana",
                    "Asia/Beirut",
                    "Asia/Kathmandu",
                    "America/St_Johns",
                    "Pacific/Chatham",
                    "America/Santiago",
                    "Europe/Dublin",
                    "UTC")
            .stream()
            .map(ZoneId::of)
            .toList();
    /** How far past the window the reference walk looks for due times and changes. */
    private static final int LOOK_AHEAD_MINUTES = 9 * 24 * 60;

    @Property(tries = 150)
    void isOpenAgreesWithTheWallClockAtEveryMinute(@ForAll("cases") Case c) {
        for (int m = 0; m < c.windowMinutes; m++) {
            assertThat(c.calendar.isOpen(c.minute(m)))
                    .as("open at %s (%s)", c.minute(m), c)
                    .isEqualTo(c.open(m));
        }
    }

    @Property(tries = 200)
    void businessTimeBetweenCountsTheOpenMinutes(
            @ForAll("cases") Case c, @ForAll @IntRange(max = 10_000) int a, @ForAll @IntRange(max = 10_000) int b) {
        int from = a % (c.windowMinutes + 1);
        int to = b % (c.windowMinutes + 1);
        long expected = 0;
        for (int m = Math.min(from, to); m < Math.max(from, to); m++) {
            expected += c.open(m) ? 1 : 0;
        }
        if (to < from) {
            expected = -expected;
        }

        assertThat(c.calendar.businessTimeBetween(c.minute(from), c.minute(to)))
                .as("%s from %s to %s", c, c.minute(from), c.minute(to))
                .isEqualTo(Duration.ofMinutes(expected));
    }

    @Property(tries = 200)
    void addBusinessTimeEndsWithTheNthOpenMinute(
            @ForAll("cases") Case c, @ForAll @IntRange(max = 10_000) int a, @ForAll @IntRange(max = 3_000) int n) {
        int from = a % (c.windowMinutes + 1);
        Optional<Instant> expected = n == 0 ? Optional.of(c.minute(from)) : Optional.empty();
        int counted = 0;
        for (int m = from; n > 0 && m < c.reach(); m++) {
            if (c.open(m) && ++counted == n) {
                expected = Optional.of(c.minute(m + 1));
                break;
            }
        }

        Optional<Instant> due = c.calendar.addBusinessTime(c.minute(from), Duration.ofMinutes(n));

        if (expected.isPresent()) {
            assertThat(due).as("%s + %d min from %s", c, n, c.minute(from)).isEqualTo(expected);
        } else {
            // Beyond the walk's reach: the calendar must not claim a due time the walk would have found.
            due.ifPresent(d -> assertThat(d)
                    .as("%s + %d min from %s", c, n, c.minute(from))
                    .isAfterOrEqualTo(c.minute(c.reach())));
        }
    }

    @Property(tries = 200)
    void nextChangeIsTheFirstMinuteInTheOtherState(@ForAll("cases") Case c, @ForAll @IntRange(max = 10_000) int a) {
        int from = a % (c.windowMinutes + 1);
        Optional<Instant> expected = Optional.empty();
        for (int m = from + 1; m < c.reach(); m++) {
            if (c.open(m) != c.open(from)) {
                expected = Optional.of(c.minute(m));
                break;
            }
        }

        Optional<Instant> change = c.calendar.nextChange(c.minute(from));

        if (expected.isPresent()) {
            assertThat(change).as("%s after %s", c, c.minute(from)).isEqualTo(expected);
        } else {
            change.ifPresent(
                    t -> assertThat(t).as("%s after %s", c, c.minute(from)).isAfterOrEqualTo(c.minute(c.reach())));
        }
    }

    @Property(tries = 300)
    void addingThenMeasuringGivesBackTheAmount(
            @ForAll("cases") Case c,
            @ForAll @IntRange(max = 10_000) int a,
            @ForAll @IntRange(max = 5_000_000) int millis,
            @ForAll @IntRange(max = 999) int nanos) {
        Instant from =
                c.minute(a % (c.windowMinutes + 1)).plusMillis(millis % 60_000).plusNanos(nanos);
        Duration amount = Duration.ofMillis(millis).plusNanos(nanos);

        c.calendar.addBusinessTime(from, amount).ifPresent(due -> {
            assertThat(c.calendar.businessTimeBetween(from, due)).as("%s", c).isEqualTo(amount);
            // Due times are the earliest such instant: open just before them unless nothing was added.
            if (!amount.isZero()) {
                assertThat(c.calendar.isOpen(due.minusNanos(1)))
                        .as("%s open before %s", c, due)
                        .isTrue();
            }
        });
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(ZONES)
                .flatMap(zone -> Combinators.combine(
                                starts(zone),
                                Arbitraries.integers().between(0, 3 * 24 * 60),
                                schedules(),
                                Arbitraries.integers().between(-2, 6).list().ofMaxSize(3),
                                overrides().list().ofMaxSize(2),
                                closures().list().ofMaxSize(3))
                        .as((start, window, weekly, holidayDays, overrides, closures) ->
                                new Case(zone, start, window, weekly, holidayDays, overrides, closures)));
    }

    /** Minute-aligned starts, half of them in the three days before a DST transition of the zone. */
    private static Arbitrary<Instant> starts(ZoneId zone) {
        List<Instant> transitions = new ArrayList<>();
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < 8; i++) {
            ZoneOffsetTransition next = zone.getRules().nextTransition(t);
            if (next == null) {
                break;
            }
            transitions.add(next.getInstant());
            t = next.getInstant();
        }
        Arbitrary<Instant> anywhere = Arbitraries.longs()
                .between(0, 4L * 365 * 24 * 60)
                .map(m -> Instant.parse("2025-01-01T00:00:00Z").plus(m, ChronoUnit.MINUTES));
        if (transitions.isEmpty()) {
            return anywhere;
        }
        Arbitrary<Instant> nearTransition = Combinators.combine(
                        Arbitraries.of(transitions), Arbitraries.integers().between(-3 * 24 * 60, 60))
                .as((transition, minutes) -> transition.plus(minutes, ChronoUnit.MINUTES));
        return Arbitraries.frequencyOf(Tuple.of(1, anywhere), Tuple.of(1, nearTransition));
    }

    private static Arbitrary<WeeklySchedule> schedules() {
        Arbitrary<WeeklySchedule> random = Combinators.combine(Arbitraries.of(DayOfWeek.class), periods())
                .as(Tuple::of)
                .list()
                .ofMaxSize(12)
                .map(entries -> {
                    WeeklySchedule.Builder b = WeeklySchedule.builder();
                    entries.forEach(e -> b.add(e.get1(), e.get2()));
                    return b.build();
                });
        return Arbitraries.frequencyOf(
                Tuple.of(8, random),
                Tuple.of(1, Arbitraries.just(WeeklySchedule.alwaysOpen())),
                Tuple.of(1, Arbitraries.just(WeeklySchedule.closed())));
    }

    private static Arbitrary<LocalPeriod> periods() {
        Arbitrary<Integer> start = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 95).map(q -> q * 15)),
                // Around the usual DST transition times.
                Tuple.of(2, Arbitraries.of(0, 30, 60, 90, 120, 150, 180, 1380, 1410)),
                Tuple.of(1, Arbitraries.integers().between(0, 1439)));
        Arbitrary<Integer> length = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 12 * 60)),
                Tuple.of(1, Arbitraries.integers().between(1, 1440)),
                Tuple.of(1, Arbitraries.just(1440)));
        return Combinators.combine(start, length)
                .as((s, len) -> new LocalPeriod(
                        LocalTime.ofSecondOfDay(s * 60L), LocalTime.ofSecondOfDay(((s + len) % 1440) * 60L)));
    }

    /** Day offsets from the window's start date, with their own hours (possibly none). */
    private static Arbitrary<int[]> overrides() {
        return Combinators.combine(
                        Arbitraries.integers().between(-2, 5),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 9))
                .as((from, days, seed) -> new int[] {from, days, seed});
    }

    /** Minute offsets from the window's start and lengths in minutes. */
    private static Arbitrary<int[]> closures() {
        return Combinators.combine(
                        Arbitraries.integers().between(-24 * 60, 6 * 24 * 60),
                        Arbitraries.integers().between(1, 3 * 24 * 60))
                .as((offset, length) -> new int[] {offset, length});
    }

    /** A random calendar, a window of minutes to check, and the reference walk's answers. */
    static final class Case {
        final ZoneId zone;
        final Instant start;
        final int windowMinutes;
        final WeeklySchedule weekly;
        final List<LocalDate> holidays = new ArrayList<>();
        final List<DateOverride> overrides = new ArrayList<>();
        final List<InstantRange> closures = new ArrayList<>();
        final BusinessCalendar calendar;
        private final boolean[] open;

        Case(
                ZoneId zone,
                Instant start,
                int windowMinutes,
                WeeklySchedule weekly,
                List<Integer> holidayDays,
                List<int[]> overrideSpecs,
                List<int[]> closureSpecs) {
            this.zone = zone;
            this.start = start;
            this.windowMinutes = windowMinutes;
            this.weekly = weekly;
            LocalDate first = LocalDateTime.ofInstant(start, zone).toLocalDate();
            holidayDays.forEach(d -> holidays.add(first.plusDays(d)));
            for (int[] o : overrideSpecs) {
                overrides.add(new DateOverride(
                        "o" + overrides.size(),
                        first.plusDays(o[0]),
                        first.plusDays(o[0] + o[1]),
                        overrideHours(o[2])));
            }
            for (int[] c : closureSpecs) {
                Instant s = start.plus(c[0], ChronoUnit.MINUTES);
                closures.add(new InstantRange(s, s.plus(c[1], ChronoUnit.MINUTES)));
            }
            BusinessCalendar.Builder b =
                    BusinessCalendar.builder("random", zone).weekly(weekly).holidays(holidays);
            overrides.forEach(b::override);
            this.calendar = b.closures(closures).build();
            this.open = new boolean[windowMinutes + LOOK_AHEAD_MINUTES + 1];
            for (int m = 0; m < open.length; m++) {
                open[m] = referenceOpen(minute(m));
            }
        }

        private static WeeklySchedule overrideHours(int seed) {
            return switch (seed % 5) {
                case 0 -> WeeklySchedule.closed();
                case 1 -> WeeklySchedule.alwaysOpen();
                case 2 ->
                    WeeklySchedule.builder()
                            .add(java.util.EnumSet.allOf(DayOfWeek.class), LocalPeriod.parse("10:00-15:00"))
                            .build();
                case 3 ->
                    WeeklySchedule.builder()
                            .add(java.util.EnumSet.allOf(DayOfWeek.class), LocalPeriod.parse("20:00-03:00"))
                            .build();
                default ->
                    WeeklySchedule.builder()
                            .add(DayOfWeek.of(1 + seed % 7), LocalPeriod.parse("01:30-02:30"))
                            .add(DayOfWeek.of(1 + (seed + 3) % 7), LocalPeriod.parse("00:00-24:00"))
                            .build();
            };
        }

        Instant minute(int m) {
            return start.plus(m, ChronoUnit.MINUTES);
        }

        boolean open(int m) {
            return open[m];
        }

        /** The first minute the reference did not look at. */
        int reach() {
            return open.length - 1;
        }

        /** The definition, literally: wall-clock time in a period of its day or the day before. */
        private boolean referenceOpen(Instant t) {
            for (InstantRange c : closures) {
                if (!t.isBefore(c.start()) && t.isBefore(c.end())) {
                    return false;
                }
            }
            LocalDateTime local = LocalDateTime.ofInstant(t, zone);
            if (holidays.contains(local.toLocalDate())) {
                return false;
            }
            for (LocalDate day : List.of(local.toLocalDate().minusDays(1), local.toLocalDate())) {
                WeeklySchedule hours = weekly;
                for (DateOverride o : overrides) {
                    if (!day.isBefore(o.from()) && !day.isAfter(o.to())) {
                        hours = o.hours();
                        break;
                    }
                }
                for (LocalPeriod p : hours.on(day.getDayOfWeek())) {
                    LocalDateTime s = day.atTime(p.start());
                    LocalDateTime e = p.end().isAfter(p.start())
                            ? day.atTime(p.end())
                            : day.plusDays(1).atTime(p.end());
                    if (!local.isBefore(s) && local.isBefore(e)) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "Case{zone=" + zone + ", start=" + start + " (" + LocalDateTime.ofInstant(start, zone) + "), window="
                    + windowMinutes + "m, weekly=" + weekly + ", holidays=" + holidays + ", overrides=" + overrides
                    + ", closures=" + closures + "}";
        }
    }
}
