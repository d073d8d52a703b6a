package dev.switchboard.router.assignment;

import static dev.switchboard.router.assignment.AssignmentFixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.assignment.AgentShifts.Absence;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Who is working when: shifts in the agent's zone across midnight and DST changes, time off and
 * holidays, in the five zones of the sample team's region, and how "on shift until" reads.
 */
class AgentShiftsTest {
    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    private static AgentShifts shifts(AssignmentFixtures.TestAgent a) {
        return AgentProfile.of(a.build()).shifts();
    }

    @Test
    void aNightShiftInNewYorkLastsFiveHoursWhenTheClocksFallBack() {
        // Saturday 22:00 EDT to Sunday 02:00 EST: 01:00-02:00 happens twice
        AgentShifts s = shifts(agent("jake").zone("America/New_York").shift(DayOfWeek.SATURDAY, "22:00", "02:00"));
        assertThat(s.onShift(at("2026-11-01T01:59:00Z"))).isFalse();
        assertThat(s.onShift(at("2026-11-01T02:00:00Z"))).isTrue();
        assertThat(s.onShift(at("2026-11-01T05:30:00Z"))).as("01:30 EDT").isTrue();
        assertThat(s.onShift(at("2026-11-01T06:30:00Z"))).as("01:30 EST").isTrue();
        assertThat(s.onShift(at("2026-11-01T07:00:00Z"))).isFalse();
        assertThat(s.nextChange(at("2026-11-01T02:00:00Z"))).contains(at("2026-11-01T07:00:00Z"));
        assertThat(Explanations.at(
                        at("2026-11-01T07:00:00Z"), ZoneId.of("America/New_York"), at("2026-11-01T05:30:00Z")))
                .isEqualTo("02:00 America/New_York");
    }

    @Test
    void aShiftInNewYorkLastsThreeHoursWhenTheClocksSpringForward() {
        AgentShifts s = shifts(agent("jake").zone("America/New_York").shift(DayOfWeek.SUNDAY, "01:00", "05:00"));
        assertThat(s.nextChange(at("2026-03-08T05:00:00Z"))).contains(at("2026-03-08T06:00:00Z"));
        assertThat(s.nextChange(at("2026-03-08T06:00:00Z"))).contains(at("2026-03-08T09:00:00Z"));
        assertThat(s.onShift(at("2026-03-08T07:30:00Z"))).as("03:30 EDT").isTrue();
    }

    @Test
    void aLondonShiftOverTheRepeatedHourAndTimeOffThatCutsIt() {
        AgentShifts s = shifts(agent("sarah")
                .zone("Europe/London")
                .shift(DayOfWeek.SUNDAY, "00:30", "03:00")
                .timeOff(at("2026-10-25T02:00:00Z"), at("2026-10-25T02:30:00Z"), "dentist"));
        assertThat(s.nextChange(at("2026-10-24T23:00:00Z"))).as("00:30 BST").contains(at("2026-10-24T23:30:00Z"));
        assertThat(s.onShift(at("2026-10-25T00:30:00Z"))).as("01:30 BST").isTrue();
        assertThat(s.onShift(at("2026-10-25T01:30:00Z"))).as("01:30 GMT").isTrue();
        assertThat(s.onShift(at("2026-10-25T02:10:00Z"))).isFalse();
        assertThat(s.absenceAt(at("2026-10-25T02:10:00Z")))
                .isEqualTo(new Absence(Absence.Kind.TIME_OFF, Optional.of("dentist")));
        assertThat(s.nextChange(at("2026-10-25T02:10:00Z"))).contains(at("2026-10-25T02:30:00Z"));
        assertThat(s.nextChange(at("2026-10-25T02:30:00Z"))).contains(at("2026-10-25T03:00:00Z"));
    }

    @Test
    void aCairoNightShiftWhenSummerTimeEndsAtMidnightAndTheNextDayIsAHoliday() {
        // Thursday 29 October 20:00 (+03) to Friday 02:00 (+02): midnight comes twice, 7 hours
        AssignmentFixtures.TestAgent amira =
                agent("amira").zone("Africa/Cairo").shift(DayOfWeek.THURSDAY, "20:00", "02:00");
        assertThat(shifts(amira).nextChange(at("2026-10-29T17:00:00Z"))).contains(at("2026-10-30T00:00:00Z"));
        // with Friday a holiday, the part after midnight is closed
        AgentShifts holiday = shifts(amira.holidays("2026-10-30"));
        assertThat(holiday.nextChange(at("2026-10-29T17:00:00Z"))).contains(at("2026-10-29T22:00:00Z"));
        assertThat(holiday.onShift(at("2026-10-29T21:30:00Z")))
                .as("23:30 (+02) Thursday")
                .isTrue();
        assertThat(holiday.absenceAt(at("2026-10-29T23:00:00Z")).kind()).isEqualTo(Absence.Kind.HOLIDAY);
    }

    @Test
    void aSplitDayInRiyadhWaitsOverTheWeekend() {
        AgentShifts s = shifts(agent("omar")
                .zone("Asia/Riyadh")
                .shift(DayOfWeek.SUNDAY, "09:00", "13:00")
                .shift(DayOfWeek.SUNDAY, "16:00", "21:00")
                .shift(DayOfWeek.THURSDAY, "09:00", "13:00")
                .shift(DayOfWeek.THURSDAY, "16:00", "21:00")
                .shift(DayOfWeek.WEDNESDAY, "09:00", "13:00")
                .holidays("2026-09-23"));
        Instant thursdayEvening = at("2026-11-26T18:30:00Z"); // 21:30 in Riyadh
        assertThat(s.onShift(thursdayEvening)).isFalse();
        assertThat(s.absenceAt(thursdayEvening).kind()).isEqualTo(Absence.Kind.OFF_SHIFT);
        Instant sunday = at("2026-11-29T06:00:00Z");
        assertThat(s.nextChange(thursdayEvening)).contains(sunday);
        assertThat(Explanations.at(sunday, ZoneId.of("Asia/Riyadh"), thursdayEvening))
                .isEqualTo("Sun 09:00 Asia/Riyadh");
        assertThat(s.onShift(at("2026-11-26T11:00:00Z"))).as("14:00, the break").isFalse();
        assertThat(s.absenceAt(at("2026-09-23T07:00:00Z")).kind()).isEqualTo(Absence.Kind.HOLIDAY);
    }

    @Test
    void aManilaNightShiftEndsAtMidnightBeforeChristmasAndTimeOffHasItsReason() {
        AssignmentFixtures.TestAgent maria = agent("maria").zone("Asia/Manila").holidays("2026-12-25");
        for (DayOfWeek d : new DayOfWeek[] {
            DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY
        }) {
            maria.shift(d, "22:00", "06:00");
        }
        AgentShifts s = shifts(maria.timeOff(at("2026-12-28T14:00:00Z"), at("2026-12-29T00:00:00Z"), "leave"));
        assertThat(s.nextChange(at("2026-12-24T14:00:00Z"))).contains(at("2026-12-24T16:00:00Z"));
        assertThat(s.absenceAt(at("2026-12-24T17:00:00Z")).kind()).isEqualTo(Absence.Kind.HOLIDAY);
        assertThat(s.absenceAt(at("2026-12-28T15:00:00Z")))
                .isEqualTo(new Absence(Absence.Kind.TIME_OFF, Optional.of("leave")));
        // the time off covers Monday night's whole shift: next is Tuesday 22:00
        assertThat(s.nextChange(at("2026-12-28T15:00:00Z"))).contains(at("2026-12-29T14:00:00Z"));
        assertThat(s.onShift(at("2026-12-29T00:00:00Z"))).as("08:00 Tuesday").isFalse();
        assertThat(s.onShift(at("2026-12-29T14:30:00Z"))).as("22:30 Tuesday").isTrue();
    }

    @Test
    void theRememberedAnswerFollowsTimeBackwardsToo() {
        AgentShifts s = shifts(agent("omar").zone("Asia/Riyadh").shift(DayOfWeek.THURSDAY, "09:00", "13:00"));
        assertThat(s.onShift(at("2026-11-26T07:00:00Z"))).isTrue();
        assertThat(s.onShift(at("2026-11-26T05:59:00Z"))).isFalse();
        assertThat(s.onShift(at("2026-11-26T09:59:00Z"))).isTrue();
        assertThat(s.onShift(at("2026-11-26T10:00:00Z"))).isFalse();
    }
}
