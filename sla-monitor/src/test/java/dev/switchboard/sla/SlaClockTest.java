package dev.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.calendar.WeeklySchedule;
import dev.switchboard.events.SlaClockState;
import dev.switchboard.events.SlaLevel;
import dev.switchboard.events.SlaMetric;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlaClockTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    private static final BusinessCalendar OFFICE = BusinessCalendar.builder("office", LONDON)
            .weekly(WeeklySchedule.parse(Map.of("monday-friday", List.of("09:00-17:00"))))
            .build();
    /** Sunday to Thursday: the Riyadh desk works on the London office's Sunday. */
    private static final BusinessCalendar DESK = BusinessCalendar.builder("desk", RIYADH)
            .weekly(WeeklySchedule.parse(Map.of("sunday-thursday", List.of("09:00-17:00"))))
            .build();

    private static Instant london(String local) {
        return LocalDateTime.parse(local).atZone(LONDON).toInstant();
    }

    private static Target target(String calendar, long minutes, Long warnAfterMillis) {
        return new Target("p", calendar, minutes, warnAfterMillis, BreachAction.NOTIFY_LEAD);
    }

    @Test
    void aPauseOverTheWeekendCountsOnlyTheBusinessTimeRun() {
        // Friday 16:00-17:00 runs (60 business minutes), paused until Monday 10:00.
        SlaClock clock =
                SlaClock.start(SlaMetric.RESOLUTION, 1, london("2026-12-04T16:00"), target("office", 90, null));
        clock.pause(london("2026-12-04T18:00"));
        clock.resume(london("2026-12-07T10:00"));

        assertThat(clock.used(OFFICE, london("2026-12-07T10:10"))).isEqualTo(Duration.ofMinutes(70));
        assertThat(clock.dueAt(OFFICE)).contains(london("2026-12-07T10:30"));
    }

    @Test
    void aPausedClockHasNoDueTimeUnlessItWasAlreadyReached() {
        SlaClock clock = SlaClock.start(
                SlaMetric.FIRST_REPLY, 1, london("2026-12-07T09:00"), target("office", 60, 45L * 60_000));
        clock.pause(london("2026-12-07T09:50"));

        assertThat(clock.dueAt(OFFICE)).isEmpty();
        // The warning point was passed before the pause: it is still reported where it was.
        assertThat(clock.nextAlarm(OFFICE)).contains(new SlaClock.Alarm(SlaLevel.WARNING, london("2026-12-07T09:45")));
        assertThat(clock.state()).isEqualTo(SlaClockState.PAUSED);
    }

    @Test
    void aRetargetMeasuresTheTimeAlreadyRunOnTheNewCalendar() {
        // Sunday 2026-12-06 10:00-12:00 London: closed for the office, open for the Riyadh desk (13:00-15:00 there).
        SlaClock clock =
                SlaClock.start(SlaMetric.RESOLUTION, 1, london("2026-12-06T10:00"), target("office", 120, null));
        clock.pause(london("2026-12-06T12:00"));
        clock.resume(london("2026-12-07T09:00"));

        Duration onOffice = clock.used(OFFICE, london("2026-12-07T09:30"));
        clock.retarget(target("desk", 150, null), "moved to the Riyadh desk");
        Duration onDesk = clock.used(DESK, london("2026-12-07T09:30"));

        assertThat(onOffice).isEqualTo(Duration.ofMinutes(30));
        // Two hours on Sunday plus Monday 09:00-09:30 London (12:00-12:30 in Riyadh).
        assertThat(onDesk).isEqualTo(Duration.ofMinutes(150));
        assertThat(clock.dueAt(DESK)).contains(london("2026-12-07T09:30"));
        assertThat(clock.notes()).containsExactly("moved to the Riyadh desk");
    }

    @Test
    void aMetClockStopsCountingAndReportsWhereItStopped() {
        SlaClock clock =
                SlaClock.start(SlaMetric.NEXT_REPLY, 3, london("2026-12-07T09:00"), target("office", 60, null));

        clock.end(london("2026-12-07T09:20"), SlaClock.Phase.MET);

        assertThat(clock.used(OFFICE, london("2026-12-08T12:00"))).isEqualTo(Duration.ofMinutes(20));
        assertThat(clock.nextAlarm(OFFICE)).isEmpty();
        assertThat(clock.state()).isEqualTo(SlaClockState.MET);
    }
}
