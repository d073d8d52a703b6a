package dev.switchboard.bench;

import dev.switchboard.agents.TeamPublisher;
import dev.switchboard.events.Agent;
import dev.switchboard.events.Capacity;
import dev.switchboard.events.WeeklyPeriod;
import dev.switchboard.kafka.KafkaSettings;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A team for load: {@code n} agents of the shipped routing group, all online and on shift around
 * the clock (a flash sale's all-hands), half of them Arabic speakers, every fifth one a refund
 * approver and manager so escalations find someone, with the sample team's capacities.
 */
final class BenchTeam {
    private BenchTeam() {}

    static List<Agent> of(int n, Instant now) {
        List<WeeklyPeriod> always = IntStream.rangeClosed(1, 7)
                .mapToObj(d -> new WeeklyPeriod(d, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT))
                .toList();
        List<Agent> team = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            boolean approver = i % 5 == 0;
            team.add(Agent.newBuilder()
                    .setId("agent-" + i)
                    .setName("Agent " + i)
                    .setRoutingGroup("default")
                    .setTeams(List.of("support", "billing"))
                    .setLanguages(i % 2 == 0 ? List.of("ar", "en") : List.of("en"))
                    .setRoles(approver ? List.of("refund-approver", "manager", "team-lead", "sales-lead") : List.of())
                    .setCapacity(Capacity.newBuilder()
                            .setTotal(5)
                            .setPerChannelKind(Map.of("email", 4, "social", 2))
                            .build())
                    .setTimeZone("UTC")
                    .setShifts(always)
                    .setUpdatedAt(now)
                    .build());
        }
        return team;
    }

    /** Publishes the team, every agent online, and waits until Kafka has it. */
    static void publish(KafkaSettings kafka, List<Agent> team, Instant now) {
        TeamPublisher.publish(kafka, team, id -> true, Set.of(), now, "bench");
    }
}
