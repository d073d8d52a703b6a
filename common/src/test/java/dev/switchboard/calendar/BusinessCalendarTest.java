package dev.switchboard.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    private static final ZoneId CAIRO = ZoneId.of("Africa/Cairo");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId MANILA = ZoneId.of("Asia/Manila");

    /** Sunday–Thursday, a split day; Friday and Saturday are the weekend. */
    private static final BusinessCalendar RIYADH_OFFICE = BusinessCalendar.builder("riyadh-office", RIYADH)
            .weekly(WeeklySchedule.parse(Map.of("sunday-thursday", List.of("09:00-13:00", "16:00-20:00"))))
            .override(new DateOverride(
                    "ramadan",
                    LocalDate.of(2027, 2, 8),
                    LocalDate.of(2027, 3, 8),
                    WeeklySchedule.parse(Map.of("sunday-thursday", List.of("10:00-15:00")))))
            .holiday(LocalDate.of(2026, 9, 23))
            .build();

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    @Test
    void fridayAndSaturdayAreTheWeekendInRiyadh() {
        // Thursday 2026-11-26 19:00 plus two business hours: one hour Thursday, one hour Sunday.
        Instant due = RIYADH_OFFICE
                .addBusinessTime(at("2026-11-26T19:00", RIYADH), Duration.ofHours(2))
                .orElseThrow();

        assertThat(due).isEqualTo(at("2026-11-29T10:00", RIYADH));
        assertThat(RIYADH_OFFICE.isOpen(at("2026-11-27T10:00", RIYADH))).isFalse();
        assertThat(RIYADH_OFFICE.isOpen(at("2026-11-28T10:00", RIYADH))).isFalse();
        assertThat(RIYADH_OFFICE.isOpen(at("2026-11-29T10:00", RIYADH))).isTrue();
    }

    @Test
    void aSplitDaySkipsTheLunchBreak() {
        Instant due = RIYADH_OFFICE
                .addBusinessTime(at("2026-11-29T12:30", RIYADH), Duration.ofMinutes(60))
                .orElseThrow();

        assertThat(due).isEqualTo(at("2026-11-29T16:30", RIYADH));
        assertThat(RIYADH_OFFICE.nextChange(at("2026-11-29T12:30", RIYADH))).contains(at("2026-11-29T13:00", RIYADH));
        assertThat(RIYADH_OFFICE.nextChange(at("2026-11-29T13:00", RIYADH))).contains(at("2026-11-29T16:00", RIYADH));
    }

    @Test
    void ramadanHoursOverrideTheWeeklyHours() {
        Instant sundayInRamadan = at("2027-02-14T09:30", RIYADH);

        assertThat(RIYADH_OFFICE.isOpen(sundayInRamadan)).isFalse();
        assertThat(RIYADH_OFFICE.nextChange(sundayInRamadan)).contains(at("2027-02-14T10:00", RIYADH));
        assertThat(RIYADH_OFFICE.businessTimeBetween(at("2027-02-14T00:00", RIYADH), at("2027-02-15T00:00", RIYADH)))
                .isEqualTo(Duration.ofHours(5));
        assertThat(RIYADH_OFFICE.businessTimeBetween(at("2027-03-14T00:00", RIYADH), at("2027-03-15T00:00", RIYADH)))
                .isEqualTo(Duration.ofHours(8));
    }

    @Test
    void aHolidayClosesTheWholeDay() {
        // 2026-09-23 (Saudi National Day) is a Wednesday.
        assertThat(RIYADH_OFFICE.isOpen(at("2026-09-23T10:00", RIYADH))).isFalse();
        assertThat(RIYADH_OFFICE.nextChange(at("2026-09-22T19:00", RIYADH))).contains(at("2026-09-22T20:00", RIYADH));
        assertThat(RIYADH_OFFICE.nextChange(at("2026-09-22T20:00", RIYADH))).contains(at("2026-09-24T09:00", RIYADH));
    }

    @Test
    void anAgentIsOnShiftUntilFivePmInCairo() {
        BusinessCalendar amira = BusinessCalendar.ofShifts(
                "amira",
                CAIRO,
                WeeklySchedule.builder()
                        .add(DayOfWeek.SUNDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .build(),
                List.of(),
                List.of());
        Instant sundayNoon = at("2026-11-29T12:00", CAIRO);

        Instant until = amira.nextChange(sundayNoon).orElseThrow();

        assertThat(amira.isOpen(sundayNoon)).isTrue();
        assertThat(until.atZone(CAIRO).toLocalTime()).isEqualTo(LocalTime.of(17, 0));
        // Closed now, so the next change is when the next shift starts.
        assertThat(amira.nextChange(until)).contains(at("2026-12-06T09:00", CAIRO));
    }

    @Test
    void aNightShiftRunsPastMidnight() {
        BusinessCalendar night = BusinessCalendar.ofShifts(
                "night",
                MANILA,
                WeeklySchedule.builder()
                        .add(DayOfWeek.THURSDAY, LocalTime.of(22, 0), LocalTime.of(2, 0))
                        .build(),
                List.of(),
                List.of());

        assertThat(night.isOpen(at("2026-11-26T23:00", MANILA))).isTrue();
        assertThat(night.isOpen(at("2026-11-27T01:59", MANILA))).isTrue();
        assertThat(night.isOpen(at("2026-11-27T02:00", MANILA))).isFalse();
        assertThat(night.openSpan(at("2026-11-26T12:00", MANILA)))
                .contains(new BusinessCalendar.OpenSpan(
                        at("2026-11-26T22:00", MANILA), Optional.of(at("2026-11-27T02:00", MANILA))));
    }

    @Test
    void theAfterMidnightPartOfAShiftIsClosedOnAHoliday() {
        BusinessCalendar night = BusinessCalendar.ofShifts(
                "night",
                MANILA,
                WeeklySchedule.builder()
                        .add(DayOfWeek.THURSDAY, LocalTime.of(22, 0), LocalTime.of(2, 0))
                        .build(),
                List.of(LocalDate.of(2026, 11, 27)),
                List.of());

        assertThat(night.businessTimeBetween(at("2026-11-26T00:00", MANILA), at("2026-11-28T00:00", MANILA)))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void timeOffCutsAShift() {
        BusinessCalendar agent = BusinessCalendar.ofShifts(
                "sam",
                LONDON,
                WeeklySchedule.parse(Map.of("monday-friday", List.of("09:00-17:00"))),
                List.of(),
                List.of(new InstantRange(at("2026-11-30T12:00", LONDON), at("2026-12-01T12:00", LONDON))));

        assertThat(agent.nextChange(at("2026-11-30T09:00", LONDON))).contains(at("2026-11-30T12:00", LONDON));
        assertThat(agent.nextChange(at("2026-11-30T12:00", LONDON))).contains(at("2026-12-01T12:00", LONDON));
        assertThat(agent.businessTimeBetween(at("2026-11-30T00:00", LONDON), at("2026-12-02T00:00", LONDON)))
                .isEqualTo(Duration.ofHours(8));
    }

    @Test
    void springForwardShortensTheNightInNewYork() {
        // 2026-03-08: clocks jump from 02:00 to 03:00.
        BusinessCalendar sundayNight = BusinessCalendar.builder("sunday-night", NEW_YORK)
                .weekly(WeeklySchedule.parse(Map.of("sunday", List.of("01:00-04:00"))))
                .build();

        assertThat(sundayNight.businessTimeBetween(at("2026-03-08T00:00", NEW_YORK), at("2026-03-09T00:00", NEW_YORK)))
                .isEqualTo(Duration.ofHours(2));
        assertThat(sundayNight
                        .addBusinessTime(at("2026-03-08T01:30", NEW_YORK), Duration.ofMinutes(45))
                        .orElseThrow())
                .isEqualTo(at("2026-03-08T03:15", NEW_YORK));
    }

    @Test
    void aPeriodStartingInsideTheGapOpensWhenTheClockJumpsPastIt() {
        BusinessCalendar calendar = BusinessCalendar.builder("gap", NEW_YORK)
                .weekly(WeeklySchedule.parse(Map.of("sunday", List.of("02:30-05:00"))))
                .build();

        assertThat(calendar.nextChange(at("2026-03-08T00:00", NEW_YORK))).contains(at("2026-03-08T03:00", NEW_YORK));
        assertThat(calendar.businessTimeBetween(at("2026-03-08T00:00", NEW_YORK), at("2026-03-09T00:00", NEW_YORK)))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void theRepeatedHourOfFallBackIsOpenBothTimes() {
        // 2026-11-01: clocks go back from 02:00 EDT to 01:00 EST; 01:00-01:30 happens twice.
        BusinessCalendar calendar = BusinessCalendar.builder("overlap", NEW_YORK)
                .weekly(WeeklySchedule.parse(Map.of("sunday", List.of("00:30-01:30"))))
                .build();
        Instant firstOneFifteen = ZonedDateTime.ofLocal(LocalDateTime.parse("2026-11-01T01:15"), NEW_YORK, null)
                .withEarlierOffsetAtOverlap()
                .toInstant();
        Instant secondOneFifteen = firstOneFifteen.plus(Duration.ofHours(1));

        assertThat(calendar.isOpen(firstOneFifteen)).isTrue();
        assertThat(calendar.isOpen(secondOneFifteen)).isTrue();
        assertThat(calendar.isOpen(firstOneFifteen.plus(Duration.ofMinutes(30))))
                .isFalse();
        assertThat(calendar.businessTimeBetween(at("2026-11-01T00:00", NEW_YORK), at("2026-11-02T00:00", NEW_YORK)))
                .isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void aTwentyFourSevenCalendarCountsWallClockTime() {
        BusinessCalendar always = BusinessCalendar.alwaysOpen();
        Instant t = Instant.parse("2026-11-01T05:30:00.123Z");

        assertThat(always.isOpen(t)).isTrue();
        assertThat(always.nextChange(t)).isEmpty();
        assertThat(always.addBusinessTime(t, Duration.ofMinutes(90))).contains(t.plus(Duration.ofMinutes(90)));
        assertThat(always.businessTimeBetween(t, t.plusSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void anAroundTheClockScheduleWithAHolidayClosesOnlyThatDay() {
        BusinessCalendar calendar = BusinessCalendar.builder("warehouse", LONDON)
                .weekly(WeeklySchedule.alwaysOpen())
                .holiday(LocalDate.of(2026, 12, 25))
                .build();

        assertThat(calendar.nextChange(at("2026-12-01T10:00", LONDON))).contains(at("2026-12-25T00:00", LONDON));
        assertThat(calendar.nextChange(at("2026-12-25T10:00", LONDON))).contains(at("2026-12-26T00:00", LONDON));
        assertThat(calendar.nextChange(at("2026-12-26T10:00", LONDON))).isEmpty();
    }

    @Test
    void aCalendarThatNeverOpensHasNoDueTime() {
        BusinessCalendar closed = BusinessCalendar.builder("closed", LONDON).build();

        assertThat(closed.isOpen(Instant.parse("2026-01-01T00:00:00Z"))).isFalse();
        assertThat(closed.nextChange(Instant.parse("2026-01-01T00:00:00Z"))).isEmpty();
        assertThat(closed.addBusinessTime(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(1)))
                .isEmpty();
        assertThat(closed.businessTimeBetween(
                        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")))
                .isZero();
    }

    @Test
    void businessTimeIsNegativeBackwards() {
        Instant a = at("2026-11-29T09:00", RIYADH);
        Instant b = at("2026-11-29T11:00", RIYADH);

        assertThat(RIYADH_OFFICE.businessTimeBetween(b, a)).isEqualTo(Duration.ofHours(-2));
    }

    @Test
    void addingZeroIsTheStartEvenWhenClosed() {
        Instant saturday = at("2026-11-28T10:00", RIYADH);

        assertThat(RIYADH_OFFICE.addBusinessTime(saturday, Duration.ZERO)).contains(saturday);
    }

    @Test
    void readsDayRangesThatWrapPastSunday() {
        assertThat(WeeklySchedule.parseDays("sunday-thursday"))
                .containsExactlyInAnyOrder(
                        DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY);
        assertThat(WeeklySchedule.parseDays("fri-sat")).isEqualTo(Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY));
        assertThat(WeeklySchedule.parseDays("every-day")).hasSize(7);
    }

    @Test
    void explainsBadHours() {
        assertThatThrownBy(() -> WeeklySchedule.parse(Map.of("mon-fry", List.of("09:00-17:00"))))
                .hasMessageContaining("unknown day 'fry' in 'mon-fry'");
        assertThatThrownBy(() -> WeeklySchedule.parse(Map.of("monday", List.of("9-5"))))
                .hasMessage("hours.monday: expected hours such as 09:00-17:00, 22:00-02:00 (past midnight) or"
                        + " 00:00-24:00, got '9-5'");
        var doubled = new java.util.LinkedHashMap<String, List<String>>();
        doubled.put("monday-friday", List.of("09:00-17:00"));
        doubled.put("friday", List.of("18:00-20:00"));
        assertThatThrownBy(() -> WeeklySchedule.parse(doubled))
                .hasMessage("hours: friday appears under both 'monday-friday' and 'friday'");
    }

    @Test
    void readsWholeDaysAndMidnight() {
        assertThat(LocalPeriod.parse("00:00-24:00")).isEqualTo(new LocalPeriod(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT));
        assertThat(LocalPeriod.parse("9:30-17:00").start()).isEqualTo(LocalTime.of(9, 30));
        assertThat(LocalPeriod.parse("22:00-02:00").crossesMidnight()).isTrue();
        assertThatThrownBy(() -> LocalPeriod.parse("24:00-02:00")).isInstanceOf(IllegalArgumentException.class);
    }
}
