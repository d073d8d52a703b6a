package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.events.Agent;
import dev.switchboard.events.WeeklyPeriod;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentMapperTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final ConfigLoader loader = new ConfigLoader(Map.of());
    private final AgentMapper mapper = new AgentMapper(
            name -> name.equals("egypt") ? Optional.of(List.of(LocalDate.parse("2027-01-07"))) : Optional.empty());

    @Test
    void mapsShiftsTimeOffCapacityAndHolidays() {
        Agent amira = map("""
                agents:
                  - id: amira
                    name: Amira Hassan
                    teams: [billing]
                    skills: {intents: [Refund, payment], channels: [email, WhatsApp]}
                    languages: [ar, en]
                    roles: [refund-approver]
                    capacity: {total: 6, email: 5, social: 2}
                    time-zone: Africa/Cairo
                    shifts:
                      sunday-thursday: [09:00-17:00]
                      fri: [22:00-02:00]
                    time-off:
                      - {from: 2026-12-24, to: 2026-12-26, reason: leave}
                    holiday-calendar: egypt
                    holidays: [2026-12-31..2027-01-01]
                """).get(0);

        assertThat(amira.getRoutingGroup()).isEqualTo("default");
        assertThat(amira.getIntents()).containsExactly("refund", "payment");
        assertThat(amira.getChannels()).containsExactly("email", "whatsapp");
        assertThat(amira.getCapacity().getTotal()).isEqualTo(6);
        assertThat(amira.getCapacity().getPerChannelKind())
                .containsEntry("email", 5)
                .containsEntry("social", 2);
        assertThat(amira.getShifts())
                .hasSize(6)
                .contains(new WeeklyPeriod(7, LocalTime.of(9, 0), LocalTime.of(17, 0)))
                .contains(new WeeklyPeriod(4, LocalTime.of(9, 0), LocalTime.of(17, 0)))
                .contains(new WeeklyPeriod(5, LocalTime.of(22, 0), LocalTime.of(2, 0)));
        // whole days in Cairo (UTC+2 in winter): 24 Dec 00:00 to 27 Dec 00:00 local
        assertThat(amira.getTimeOff().get(0).getStart()).isEqualTo(Instant.parse("2026-12-23T22:00:00Z"));
        assertThat(amira.getTimeOff().get(0).getEnd()).isEqualTo(Instant.parse("2026-12-26T22:00:00Z"));
        assertThat(amira.getHolidays()).containsExactly("2026-12-31", "2027-01-01", "2027-01-07");
        assertThat(amira.getUpdatedAt()).isEqualTo(NOW);
    }

    @Test
    void capacityWithoutATotalIsTheSumOfItsKinds() {
        Agent a = map("agents: [{id: a, time-zone: UTC, capacity: {email: 3, social: 2}}]")
                .get(0);

        assertThat(a.getCapacity().getTotal()).isEqualTo(5);
    }

    @Test
    void problemsNameTheAgentAndTheKey() {
        assertThatThrownBy(() -> map("agents: [{id: a, time-zone: Mars/Base}]"))
                .hasMessageContaining("agents[a].time-zone: 'Mars/Base' is not an IANA time zone");
        assertThatThrownBy(() -> map("agents: [{id: a, time-zone: UTC, shifts: {funday: [09:00-17:00]}}]"))
                .hasMessageContaining("agents[a].shifts: unknown day 'funday'");
        assertThatThrownBy(() -> map("agents: [{id: a, time-zone: UTC, shifts: {mon: [9am-5pm]}}]"))
                .hasMessageContaining("agents[a].shifts: mon:");
        assertThatThrownBy(() -> map("agents: [{id: a, time-zone: UTC, holiday-calendar: mars}]"))
                .hasMessageContaining("agents[a].holiday-calendar: no calendar named 'mars'");
        assertThatThrownBy(
                        () -> map("agents: [{id: a, time-zone: UTC, time-off: [{from: 2026-12-24, to: 2026-12-20}]}]"))
                .hasMessageContaining("agents[a].time-off[0]: to must be after from");
        assertThatThrownBy(() -> map("agents: [{id: a, time-zone: UTC}, {id: a, time-zone: UTC}]"))
                .hasMessageContaining("every id must be unique");
    }

    private List<Agent> map(String yaml) {
        return mapper.agents(loader.parse("agents.yaml", yaml, AgentsFile.class), NOW);
    }
}
