package dev.switchboard.router;

import static dev.switchboard.router.RouterFixtures.T0;
import static dev.switchboard.router.RouterFixtures.email;
import static dev.switchboard.router.RouterFixtures.emailReply;
import static dev.switchboard.testkit.KafkaCluster.ProducerRecordSpec.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.router.assignment.AssignmentEngine;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.schemas.Topics;
import dev.switchboard.testkit.KafkaCluster;
import dev.switchboard.testkit.KafkaExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The router on a real broker, exactly_once_v2: from inbound messages to ticket events. */
@ExtendWith(KafkaExtension.class)
class TicketRouterIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    @Test
    void messagesBecomeTicketsRepliesFindThemAndBadBytesBecomeDeadLetters(KafkaCluster kafka) {
        // given a router in its own topic namespace
        Topics topics = kafka.newTopics();
        RouterConfig config = new RouterConfig(kafka.settings(topics).withStateDir(stateDir), RouterFixtures.rules());
        try (TicketRouter router = new TicketRouter(config, new SimpleMeterRegistry())) {
            router.start();
            await().atMost(PATIENCE).until(() -> router.state() == KafkaStreams.State.RUNNING);

            // when a customer writes, then garbage arrives
            InboundMessage first = email(
                    "it-1@mail.example",
                    "layla@example.com",
                    "Refund",
                    "Please refund the 1,500 AED for order #48213",
                    T0);
            kafka.send(topics.inboundMessages(), record(first.getConversationKey(), first));
            kafka.sendRaw(
                    topics.inboundMessages().name(),
                    "k".getBytes(StandardCharsets.UTF_8),
                    "garbage".getBytes(StandardCharsets.UTF_8));

            // then the ticket is created and escalated, and the garbage is a dead letter
            List<ConsumerRecord<String, TicketEvent>> created = kafka.read(topics.ticketEvents(), 2, PATIENCE);
            assertThat(created)
                    .extracting(r -> r.value().getType())
                    .containsExactly(TicketEventType.CREATED, TicketEventType.ESCALATED);
            String ticketId = created.get(0).key();
            assertThat(created.get(0).value().getTicket().getIntent().getIntent())
                    .isEqualTo("refund");
            assertThat(created.get(1).value().getTicket().getEscalation().getRequiredRole())
                    .isEqualTo("refund-approver");

            List<ConsumerRecord<String, DeadLetter>> dead = kafka.read(topics.deadLetter(), 1, PATIENCE);
            assertThat(dead).singleElement().satisfies(r -> {
                assertThat(r.value().getReason()).isEqualTo(DeadLetterReason.UNDECODABLE_RECORD);
                assertThat(r.value().getPayload())
                        .isEqualTo(ByteBuffer.wrap("garbage".getBytes(StandardCharsets.UTF_8)));
            });

            // when the customer replies from a client that started a new conversation key; the
            // ticket index learns the first message's id from the committed CREATED event, so wait
            // until a reply would find it by sending it once the event is visible (it is, above).
            InboundMessage reply = emailReply(
                    "it-2@mail.example",
                    "email:support:it-2-root@mail.example",
                    "layla@example.com",
                    "Re: Refund",
                    "Any news?",
                    T0.plusSeconds(3600),
                    List.of("it-1@mail.example"));
            kafka.send(topics.inboundMessages(), record(reply.getConversationKey(), reply));

            // then it joins the same ticket (assignment's decisions, with no agents QUEUED, are on the topic too)
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(kafka.readAll(topics.ticketEvents(), Duration.ofSeconds(1)).stream()
                                    .filter(r -> !AssignmentEngine.STAGE_VALUE.equals(
                                            r.value().getAttributes().get(AssignmentEngine.STAGE)))
                                    .toList())
                            .hasSize(3)
                            .last()
                            .satisfies(r -> {
                                assertThat(r.value().getType()).isEqualTo(TicketEventType.CUSTOMER_MESSAGE);
                                assertThat(r.key()).isEqualTo(ticketId);
                            }));
        }
    }
}
