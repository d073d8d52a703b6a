package dev.switchboard.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.config.DataSize;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.http.SwitchboardSignature;
import dev.switchboard.schemas.Topics;
import dev.switchboard.testkit.KafkaCluster;
import dev.switchboard.testkit.KafkaExtension;
import dev.switchboard.testkit.SampleEvents;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class HelpdeskBridgeIT {
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final List<String> signatures = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();
    private HttpServer helpdesk;

    @BeforeEach
    void startHelpdesk() throws IOException {
        helpdesk = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        helpdesk.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean fail = failuresToAnswer.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
            if (!fail) {
                received.add(body);
                keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
                signatures.add(exchange.getRequestHeaders().getFirst(SwitchboardSignature.HEADER));
            }
            exchange.sendResponseHeaders(fail ? 503 : 200, -1);
            exchange.close();
        });
        helpdesk.start();
    }

    @AfterEach
    void stopHelpdesk() {
        helpdesk.stop(0);
    }

    @Test
    void acceptsHelpdeskEventsAtomicallyAndOnlyWhenAuthenticated(KafkaCluster kafka) throws Exception {
        Topics topics = kafka.newTopics();
        try (HelpdeskBridge bridge = start(kafka, topics, List.of())) {
            URI events = URI.create("http://127.0.0.1:" + bridge.port().orElseThrow() + HelpdeskBridge.EVENTS_PATH);

            // when a request is not authenticated, or one of its events is invalid
            var unauthenticated = post(events, null, "{\"type\":\"agent_replied\",\"ticket_id\":\"SB-1\"}");
            var invalid = post(events, "t0ken", """
                    {"events": [
                      {"type": "agent_replied", "ticket_id": "SB-1", "agent_id": "amira"},
                      {"type": "status_changed", "ticket_id": "SB-1", "status": "done"}
                    ]}""");
            // and then a valid one arrives
            var valid = post(events, "t0ken", """
                    {"events": [
                      {"type": "agent_replied", "event_id": "hd-7", "ticket_id": "SB-1", "agent_id": "amira",
                       "message_id": "<r1@helpdesk.example>"},
                      {"type": "presence_changed", "agent_id": "amira", "status": "away"}
                    ]}""");

            // then only the valid request's events are on the topics
            assertThat(unauthenticated.statusCode()).isEqualTo(401);
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).contains("events[1].status: expected one of closed, open, pending, solved");
            assertThat(valid.statusCode()).isEqualTo(200);
            assertThat(valid.body()).isEqualTo("{\"accepted\":2}");
            var ticketEvents = kafka.readAll(topics.ticketEvents(), Duration.ofSeconds(2));
            assertThat(ticketEvents).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("SB-1");
                assertThat(r.value().getType()).isEqualTo(TicketEventType.AGENT_REPLIED);
                assertThat(r.value().getEventId()).isEqualTo("hd-7");
                assertThat(r.value().getMessageId()).isEqualTo("r1@helpdesk.example");
            });
            var presence = kafka.read(topics.agentPresence(), 1, Duration.ofSeconds(10));
            assertThat(presence)
                    .singleElement()
                    .satisfies(r -> assertThat(r.value().getStatus()).isEqualTo(PresenceStatus.AWAY));
        }
    }

    @Test
    void deliversAssignmentsSignedAndRetriedThenDeadLettersWhatNeverArrives(KafkaCluster kafka) {
        Topics topics = kafka.newTopics();
        var endpoint = new BridgeConfig.Endpoint(
                "helpdesk",
                URI.create("http://127.0.0.1:" + helpdesk.getAddress().getPort() + "/hooks"),
                null,
                BridgeConfig.Format.JSON,
                Optional.of("hook-secret"),
                Duration.ofSeconds(5),
                3,
                Duration.ofMillis(50),
                Duration.ofMillis(200));
        try (HelpdeskBridge bridge = start(kafka, topics, List.of(endpoint))) {
            // given the helpdesk fails twice, then answers
            failuresToAnswer.set(2);
            kafka.send(
                    topics.assignments(), KafkaCluster.ProducerRecordSpec.record("SB-1042", SampleEvents.assignment()));

            // then the assignment arrives once, signed, with its idempotency key
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 1);
            assertThat(keys).containsExactly("SB-1042:a1");
            assertThat(received.get(0)).contains("\"type\":\"assignment\"", "\"agentName\":\"أميرة\"");
            assertThat(SwitchboardSignature.problem(
                            "hook-secret",
                            signatures.get(0),
                            received.get(0).getBytes(StandardCharsets.UTF_8),
                            Clock.systemUTC().instant(),
                            Duration.ofMinutes(5)))
                    .isEmpty();

            // when the helpdesk stays down for every attempt of an alert
            failuresToAnswer.set(3);
            kafka.send(topics.slaAlerts(), KafkaCluster.ProducerRecordSpec.record("SB-1042", SampleEvents.slaAlert()));

            // then the alert's delivery, body included, is on the dead-letter topic
            var deadLetters = kafka.read(topics.deadLetter(), 1, Duration.ofSeconds(30));
            assertThat(deadLetters).singleElement().satisfies(r -> {
                assertThat(r.value().getReason()).isEqualTo(DeadLetterReason.DELIVERY_FAILED);
                assertThat(r.value().getDetail()).contains("failed after 3 attempts", "HTTP 503");
                assertThat(StandardCharsets.UTF_8.decode(r.value().getPayload()).toString())
                        .contains("\"alertId\":\"SB-1042:FIRST_REPLY:WARNING:1\"");
            });
            assertThat(received).hasSize(1);
        }
    }

    private static HelpdeskBridge start(KafkaCluster kafka, Topics topics, List<BridgeConfig.Endpoint> outbound) {
        BridgeConfig config = new BridgeConfig(
                new BridgeConfig.Http(0, DataSize.parse("64KB")),
                new BridgeConfig.Inbound(Optional.of("t0ken"), Optional.empty(), null),
                outbound,
                kafka.settings(topics));
        return HelpdeskBridge.start(config, Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    private HttpResponse<String> post(URI uri, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
