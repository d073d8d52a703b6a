package dev.switchboard.calendar.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.events.Agent;
import dev.switchboard.events.TimeRange;
import dev.switchboard.events.WeeklyPeriod;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentCalendarsTest {
    private static final ZoneId CAIRO = ZoneId.of("Africa/Cairo");

    private static Instant cairo(String local) {
        return LocalDateTime.parse(local).atZone(CAIRO).toInstant();
    }

    private static Agent.Builder amira() {
        return Agent.newBuilder()
                .setId("amira")
                .setName("Amira")
                .setRoutingGroup("default")
                .setTimeZone("Africa/Cairo")
                .setShifts(List.of(
                        new WeeklyPeriod(7, LocalTime.of(9, 0), LocalTime.of(17, 0)),
                        new WeeklyPeriod(4, LocalTime.of(22, 0), LocalTime.of(2, 0))))
                .setTimeOff(List.of(new TimeRange(cairo("2026-12-06T00:00"), cairo("2026-12-07T00:00"), "leave")))
                .setHolidays(List.of("2026-12-13"))
                .setUpdatedAt(Instant.EPOCH);
    }

    @Test
    void readsShiftsTimeOffAndHolidaysInTheAgentsZone() {
        BusinessCalendar calendar = AgentCalendars.of(amira().build());

        assertThat(calendar.zone()).isEqualTo(CAIRO);
        assertThat(calendar.nextChange(cairo("2026-11-29T12:00"))).contains(cairo("2026-11-29T17:00"));
        // Thursday's night shift runs into Friday.
        assertThat(calendar.isOpen(cairo("2026-11-27T01:00"))).isTrue();
        // Sunday 2026-12-06 is time off, Sunday 2026-12-13 a holiday.
        assertThat(calendar.isOpen(cairo("2026-12-06T10:00"))).isFalse();
        assertThat(calendar.isOpen(cairo("2026-12-13T10:00"))).isFalse();
        assertThat(calendar.isOpen(cairo("2026-12-20T10:00"))).isTrue();
    }

    @Test
    void badValuesNameTheAgentAndTheField() {
        assertThatThrownBy(() -> AgentCalendars.of(amira().setTimeZone("EET+2").build()))
                .hasMessage("agent amira: timeZone 'EET+2' is not an IANA time zone such as Africa/Cairo");
        assertThatThrownBy(() -> AgentCalendars.of(
                        amira().setHolidays(List.of("13/12/2026")).build()))
                .hasMessage("agent amira: holidays[0] '13/12/2026' is not an ISO date such as 2026-12-25");
        assertThatThrownBy(() -> AgentCalendars.of(
                        amira().setShifts(List.of(new WeeklyPeriod(0, LocalTime.of(9, 0), LocalTime.of(17, 0))))
                                .build()))
                .hasMessage("agent amira: shifts[0].dayOfWeek 0 is not 1 (Monday) .. 7 (Sunday)");
    }
}
