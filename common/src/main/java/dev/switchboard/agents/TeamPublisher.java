package dev.switchboard.agents;

import dev.switchboard.events.Agent;
import dev.switchboard.events.AgentPresence;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topics;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a team to the agents topic, with an online presence for those who should start online,
 * and removes agents no longer on it; each record is acknowledged before the next is sent, so the
 * router sees the team whole once this returns.
 */
public final class TeamPublisher {
    private TeamPublisher() {}

    /**
     * @param startOnline which agents get an online presence now (others keep the one on record)
     * @param retire agent ids to delete from the agents topic unless they are in {@code team}
     * @param source the presence records' source, as the helpdesk bridge would name itself
     */
    public static void publish(
            KafkaSettings kafka,
            List<Agent> team,
            Predicate<String> startOnline,
            Set<String> retire,
            Instant now,
            String source) {
        Topics topics = kafka.topics();
        try (var agents = new KafkaProducer<>(
                        ClientProperties.producer(kafka),
                        topics.agents().keySerde().serializer(),
                        topics.agents().valueSerde().serializer());
                var presence = new KafkaProducer<>(
                        ClientProperties.producer(kafka),
                        topics.agentPresence().keySerde().serializer(),
                        topics.agentPresence().valueSerde().serializer())) {
            Set<String> ids = new HashSet<>();
            for (Agent agent : team) {
                ids.add(agent.getId());
                agents.send(new ProducerRecord<>(topics.agents().name(), agent.getId(), agent))
                        .get();
                if (startOnline.test(agent.getId())) {
                    presence.send(new ProducerRecord<>(
                                    topics.agentPresence().name(),
                                    agent.getId(),
                                    new AgentPresence(agent.getId(), PresenceStatus.ONLINE, now, source)))
                            .get();
                }
            }
            for (String gone : retire) {
                if (!ids.contains(gone)) {
                    agents.send(new ProducerRecord<>(topics.agents().name(), gone, null))
                            .get();
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Cannot publish the agents: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing the agents", e);
        }
    }
}
