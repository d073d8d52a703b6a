package dev.switchboard.bench;

import dev.switchboard.events.Agent;
import dev.switchboard.events.AgentPresence;
import dev.switchboard.events.Capacity;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.WeeklyPeriod;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topics;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

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

    /** Publishes the team and their presence, and waits until Kafka has both. */
    static void publish(KafkaSettings kafka, List<Agent> team, Instant now) {
        Topics topics = kafka.topics();
        try (var agents = new KafkaProducer<>(
                        ClientProperties.producer(kafka),
                        topics.agents().keySerde().serializer(),
                        topics.agents().valueSerde().serializer());
                var presence = new KafkaProducer<>(
                        ClientProperties.producer(kafka),
                        topics.agentPresence().keySerde().serializer(),
                        topics.agentPresence().valueSerde().serializer())) {
            for (Agent a : team) {
                agents.send(new ProducerRecord<>(topics.agents().name(), a.getId(), a))
                        .get();
                presence.send(new ProducerRecord<>(
                                topics.agentPresence().name(),
                                a.getId(),
                                new AgentPresence(a.getId(), PresenceStatus.ONLINE, now, "bench")))
                        .get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Cannot publish the team: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
