package dev.switchboard.router;

import static dev.switchboard.router.RouterFixtures.email;
import static dev.switchboard.testkit.KafkaCluster.ProducerRecordSpec.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.Agent;
import dev.switchboard.events.Assignment;
import dev.switchboard.events.AssignmentAction;
import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.router.assignment.AssignmentFixtures;
import dev.switchboard.router.config.AssignmentSettings;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.schemas.Topics;
import dev.switchboard.testkit.KafkaCluster;
import dev.switchboard.testkit.KafkaExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assignment on a real broker, exactly_once_v2, with the router stopped in the middle of the
 * stream and started again on an empty state directory (its state comes back from the
 * changelogs): no ticket is assigned twice, none is forgotten.
 */
@ExtendWith(KafkaExtension.class)
class TicketAssignerIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int TICKETS = 24;

    @TempDir
    Path firstStateDir;

    @TempDir
    Path secondStateDir;

    @Test
    void everyTicketIsAssignedOnceAcrossARestart(KafkaCluster kafka) {
        // given three agents of 3 tickets each, online, and a router
        Topics topics = kafka.newTopics();
        AssignmentSettings settings =
                new AssignmentSettings(Duration.ofMillis(200), 2, null, Duration.ZERO, null, null, null, null);
        Instant now = Instant.now();
        for (String id : List.of("amira", "omar", "sarah")) {
            Agent agent = AssignmentFixtures.agent(id).capacity(3).build();
            kafka.send(topics.agents(), record(id, agent));
            kafka.send(topics.agentPresence(), record(id, AssignmentFixtures.presence(id, PresenceStatus.ONLINE, now)));
        }
        TicketRouter router = start(kafka, topics, settings, firstStateDir);

        // when customers write (more than the agents can take: some wait in the queue), and the
        // router stops halfway through and starts again from nothing
        for (int i = 0; i < TICKETS / 2; i++) {
            send(kafka, topics, i, now);
        }
        // (nine assigned, three waiting: the queue must survive the restart)
        await().atMost(PATIENCE)
                .until(() -> lastDecisions(kafka, topics)
                        .equals(Map.of(AssignmentAction.ASSIGNED, 9L, AssignmentAction.QUEUED, 3L)));
        for (int i = TICKETS / 2; i < TICKETS; i++) {
            send(kafka, topics, i, now);
        }
        router.close();
        router = start(kafka, topics, settings, secondStateDir);

        // and the helpdesk solves whatever is assigned, freeing the agents for the waiting tickets
        try {
            Set<String> solved = new HashSet<>();
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<Assignment> decisions = assignments(kafka, topics);
                for (Assignment a : decisions) {
                    if (a.getAction() == AssignmentAction.ASSIGNED && solved.add(a.getTicketId())) {
                        kafka.send(topics.ticketEvents(), record(a.getTicketId(), solvedEvent(a.getTicketId())));
                    }
                }
                assertThat(solved).hasSize(TICKETS);
            });
        } finally {
            router.close();
        }

        // then every ticket the router created was assigned exactly once
        List<TicketEvent> created = kafka.readAll(topics.ticketEvents(), Duration.ofSeconds(2)).stream()
                .map(ConsumerRecord::value)
                .filter(e -> e.getType() == TicketEventType.CREATED)
                .toList();
        assertThat(created).hasSize(TICKETS);
        Map<String, Long> assignedTimes = assignments(kafka, topics).stream()
                .filter(a -> a.getAction() == AssignmentAction.ASSIGNED)
                .collect(Collectors.groupingBy(Assignment::getTicketId, Collectors.counting()));
        assertThat(assignedTimes.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        created.stream().map(TicketEvent::getTicketId).toList());
        assertThat(assignedTimes.values()).allMatch(n -> n == 1);
        // and the ticket topic tells the other services who has each ticket
        List<TicketEvent> assignedEvents = kafka.readAll(topics.ticketEvents(), Duration.ofSeconds(1)).stream()
                .map(ConsumerRecord::value)
                .filter(e -> e.getType() == TicketEventType.ASSIGNED)
                .toList();
        assertThat(assignedEvents).hasSize(TICKETS).allSatisfy(e -> {
            assertThat(e.getTicket().getAssignee()).isEqualTo(e.getAgentId());
            assertThat(e.getSourceReceivedAt()).isNotNull();
        });
    }

    private static TicketRouter start(KafkaCluster kafka, Topics topics, AssignmentSettings settings, Path stateDir) {
        RouterConfig config =
                new RouterConfig(kafka.settings(topics).withStateDir(stateDir), RouterFixtures.rules(), settings);
        TicketRouter router = new TicketRouter(config, new SimpleMeterRegistry(), RouterFixtures.analyzer());
        router.start();
        await().atMost(PATIENCE).until(() -> router.state() == KafkaStreams.State.RUNNING);
        return router;
    }

    private static void send(KafkaCluster kafka, Topics topics, int i, Instant now) {
        InboundMessage m = email(
                "it-assign-" + i + "@mail.example",
                "customer" + i + "@example.com",
                "Where is my order?",
                "Hello, where is my order " + (48_000 + i) + "? It has not arrived yet.",
                now.plusMillis(i));
        kafka.send(topics.inboundMessages(), record(m.getConversationKey(), m));
    }

    private static List<Assignment> assignments(KafkaCluster kafka, Topics topics) {
        return kafka.readAll(topics.assignments(), Duration.ofMillis(500)).stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    /** How many tickets stand at each action, by their last decision. */
    private static Map<AssignmentAction, Long> lastDecisions(KafkaCluster kafka, Topics topics) {
        Map<String, AssignmentAction> last = new java.util.HashMap<>();
        assignments(kafka, topics).forEach(a -> last.put(a.getTicketId(), a.getAction()));
        return last.values().stream().collect(Collectors.groupingBy(a -> a, Collectors.counting()));
    }

    private static TicketEvent solvedEvent(String ticketId) {
        return TicketEvent.newBuilder()
                .setEventId("hd-solved-" + ticketId)
                .setTicketId(ticketId)
                .setType(TicketEventType.STATUS_CHANGED)
                .setOrigin(EventOrigin.HELPDESK)
                .setOccurredAt(Instant.now())
                .setStatus(TicketStatus.SOLVED)
                .build();
    }
}
