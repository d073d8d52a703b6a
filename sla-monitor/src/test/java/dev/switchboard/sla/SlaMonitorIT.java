package dev.switchboard.sla;

import static dev.switchboard.testkit.KafkaCluster.ProducerRecordSpec.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.Priority;
import dev.switchboard.events.SlaAlert;
import dev.switchboard.events.SlaLevel;
import dev.switchboard.events.SlaStatus;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topics;
import dev.switchboard.schemas.UndecodableRecordException;
import dev.switchboard.testkit.KafkaCluster;
import dev.switchboard.testkit.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SLA monitor against a real broker, exactly-once: alerts, status, escalations and dead
 * letters on their topics; a second instance on a new state directory (restored from the
 * changelogs) and the first one back on its own state directory repeat nothing. Moments are placed
 * in the past so nothing waits on the clock.
 */
@ExtendWith(KafkaExtension.class)
class SlaMonitorIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    private static TicketEvent event(String ticket, TicketEventType type, EventOrigin origin, Instant at) {
        return TicketEvent.newBuilder()
                .setEventId(ticket + ":" + type + ":" + at.toEpochMilli())
                .setTicketId(ticket)
                .setType(type)
                .setOrigin(origin)
                .setOccurredAt(at)
                .setTicket(origin == EventOrigin.ROUTER ? SlaDriver.summary(Priority.NORMAL) : null)
                .setStatus(type == TicketEventType.CREATED ? TicketStatus.NEW : null)
                .build();
    }

    private static List<SlaAlert> alertsOf(KafkaCluster kafka, Topics topics, String ticket, int atLeast) {
        return kafka.read(topics.slaAlerts(), atLeast, Duration.ofSeconds(2)).stream()
                .map(ConsumerRecord::value)
                .filter(a -> a.getTicketId().equals(ticket))
                .toList();
    }

    /** The escalation events on the ticket events topic, which also holds the undecodable record. */
    private static List<TicketEvent> escalations(KafkaCluster kafka, Topics topics) {
        Properties p = ClientProperties.consumer(
                KafkaSettings.defaults().withBootstrapServers(kafka.bootstrapServers()), null);
        List<TicketEvent> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topics.ticketEvents().name(), Duration.ofSeconds(10)).stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (int polls = 0; polls < 20; polls++) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        TicketEvent e = Topics.TICKET_EVENT_SERDE.decode(r.topic(), r.value());
                        if (e.getType() == TicketEventType.SLA_ESCALATION) {
                            found.add(e);
                        }
                    } catch (UndecodableRecordException skipped) {
                        // the garbage this test wrote
                    }
                }
            }
        }
        return found;
    }

    @Test
    void alertsStatusEscalationsAndDeadLettersFlowThroughTheBrokerOnceAcrossARestart(KafkaCluster kafka) {
        // given a fresh topic namespace and tickets whose first-reply moments are already past
        Topics topics = kafka.newTopics();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SlaConfig first = SlaDriver.config(stateDir.resolve("first"))
                .withKafka(kafka.settings(topics).withStateDir(stateDir.resolve("first")));
        kafka.send(
                topics.ticketEvents(),
                record(
                        "SB-1",
                        event("SB-1", TicketEventType.CREATED, EventOrigin.ROUTER, now.minus(Duration.ofHours(2)))),
                record("SB-2", event("SB-2", TicketEventType.CREATED, EventOrigin.ROUTER, now)));
        byte[] garbage = "{\"ticketId\": \"SB-3\"}".getBytes(StandardCharsets.UTF_8);
        kafka.sendRaw(topics.ticketEvents().name(), "SB-3".getBytes(StandardCharsets.UTF_8), garbage);

        // when the monitor runs
        try (SlaMonitor monitor = new SlaMonitor(first)) {
            monitor.start();

            // then the overdue warning and breach of SB-1 fire, late, with an escalation
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(alertsOf(kafka, topics, "SB-1", 2))
                            .extracting(SlaAlert::getLevel)
                            .containsExactly(SlaLevel.WARNING, SlaLevel.BREACHED));
            assertThat(alertsOf(kafka, topics, "SB-1", 2))
                    .allSatisfy(a -> assertThat(a.getFiredLate()).isTrue());
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(escalations(kafka, topics))
                            .singleElement()
                            .satisfies(e -> assertThat(e.getAttributes())
                                    .containsEntry("metric", "FIRST_REPLY")
                                    .containsEntry("action", "notify-lead")));
            // and each open ticket's SLA state is on the status topic
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(kafka.read(topics.slaStatus(), 2, Duration.ofSeconds(2)).stream()
                                    .map(ConsumerRecord::key)
                                    .distinct())
                            .contains("SB-1", "SB-2"));
            // and the undecodable record is a dead letter with its bytes, the monitor still running
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(kafka.read(topics.deadLetter(), 1, Duration.ofSeconds(2)))
                            .singleElement()
                            .extracting(ConsumerRecord::value)
                            .satisfies(d -> {
                                assertThat(d.getReason()).isEqualTo(DeadLetterReason.UNDECODABLE_RECORD);
                                assertThat(d.getService()).isEqualTo("sla-monitor");
                                assertThat(d.getPayload().array()).isEqualTo(garbage);
                            }));
            assertThat(monitor.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }

        // when a second instance takes over on a new machine and the agent finally answers SB-1
        SlaConfig second = first.withKafka(first.kafka().withStateDir(stateDir.resolve("second")));
        try (SlaMonitor monitor = new SlaMonitor(second)) {
            monitor.start();
            kafka.send(
                    topics.ticketEvents(),
                    record("SB-1", event("SB-1", TicketEventType.AGENT_REPLIED, EventOrigin.HELPDESK, Instant.now())));

            // then the late reply is reported once, and nothing fired before repeats
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(alertsOf(kafka, topics, "SB-1", 3))
                            .extracting(SlaAlert::getLevel)
                            .contains(SlaLevel.MET_LATE));
            List<ConsumerRecord<String, SlaAlert>> all = kafka.readAll(topics.slaAlerts(), Duration.ofSeconds(3));
            assertThat(all.stream().map(r -> r.value().getAlertId()))
                    .containsExactly(
                            "SB-1:FIRST_REPLY:WARNING:1", "SB-1:FIRST_REPLY:BREACHED:1", "SB-1:FIRST_REPLY:MET_LATE:1");
            List<DeadLetter> letters = kafka.readAll(topics.deadLetter(), Duration.ofSeconds(1)).stream()
                    .map(ConsumerRecord::value)
                    .toList();
            assertThat(letters).hasSize(1);
            Map<String, SlaStatus> latest = new java.util.HashMap<>();
            kafka.readAll(topics.slaStatus(), Duration.ofSeconds(1)).forEach(r -> latest.put(r.key(), r.value()));
            assertThat(latest.get("SB-1").getClocks())
                    .anySatisfy(c -> assertThat(c.getState().name()).isEqualTo("MET"));
        }

        // when the first instance comes back on its own state directory (local state plus what changed
        // since) and SB-2 is answered in time
        try (SlaMonitor monitor = new SlaMonitor(first)) {
            monitor.start();
            kafka.send(
                    topics.ticketEvents(),
                    record("SB-2", event("SB-2", TicketEventType.AGENT_REPLIED, EventOrigin.HELPDESK, Instant.now())));

            // then SB-2's first reply is met, and still nothing repeats
            await().atMost(PATIENCE).untilAsserted(() -> {
                Map<String, SlaStatus> latest = new java.util.HashMap<>();
                kafka.readAll(topics.slaStatus(), Duration.ofSeconds(1)).forEach(r -> latest.put(r.key(), r.value()));
                assertThat(latest.get("SB-2").getClocks())
                        .anySatisfy(c -> assertThat(c.getState().name()).isEqualTo("MET"));
            });
            assertThat(kafka.readAll(topics.slaAlerts(), Duration.ofSeconds(2)).stream()
                            .map(r -> r.value().getAlertId()))
                    .containsExactly(
                            "SB-1:FIRST_REPLY:WARNING:1", "SB-1:FIRST_REPLY:BREACHED:1", "SB-1:FIRST_REPLY:MET_LATE:1");
            assertThat(escalations(kafka, topics)).hasSize(1);
        }
    }
}
