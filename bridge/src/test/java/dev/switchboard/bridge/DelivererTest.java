package dev.switchboard.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.http.SwitchboardSignature;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliveries against a real local HTTP receiver; backoff waits are recorded instead of slept. */
class DelivererTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private HttpServer receiver;
    private final Deque<Integer> answers = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private Deliverer deliverer;

    record Received(String idempotencyKey, String signature, String body) {}

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (received) {
                received.add(new Received(
                        exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        exchange.getRequestHeaders().getFirst(SwitchboardSignature.HEADER),
                        new String(body, StandardCharsets.UTF_8)));
            }
            int status = answers.isEmpty() ? 200 : answers.poll();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        deliverer =
                new Deliverer(HttpClient.newHttpClient(), Clock.fixed(NOW, ZoneOffset.UTC), waits::add, new Random(7));
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void retriesServerErrorsWithTheSameKeyBodyAndAValidSignature() throws Exception {
        answers.addAll(List.of(503, 500));

        var outcome = deliverer.deliver(endpoint(url(), 5), delivery());

        assertThat(outcome).isEqualTo(new Deliverer.Outcome.Delivered(3, 200));
        assertThat(received).hasSize(3).extracting(Received::idempotencyKey).containsOnly("SB-1:a1");
        assertThat(received).extracting(Received::body).containsOnly("{\"id\":\"SB-1:a1\"}");
        for (Received r : received) {
            assertThat(SwitchboardSignature.problem(
                            "hook-secret",
                            r.signature(),
                            r.body().getBytes(StandardCharsets.UTF_8),
                            NOW,
                            Duration.ofMinutes(5)))
                    .isEmpty();
        }
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aClientErrorFailsAtOnce() throws Exception {
        answers.add(400);

        var outcome = deliverer.deliver(endpoint(url(), 5), delivery());

        assertThat(outcome).isEqualTo(new Deliverer.Outcome.Failed(1, "helpdesk answered HTTP 400"));
        assertThat(waits).isEmpty();
    }

    @Test
    void rateLimitsAreRetried() throws Exception {
        answers.add(429);

        assertThat(deliverer.deliver(endpoint(url(), 5), delivery())).isInstanceOf(Deliverer.Outcome.Delivered.class);
        assertThat(received).hasSize(2);
    }

    @Test
    void anUnreachableEndpointFailsAfterTheLastAttempt() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }

        var outcome =
                deliverer.deliver(endpoint(URI.create("http://127.0.0.1:" + closedPort + "/hook"), 3), delivery());

        assertThat(outcome).isInstanceOfSatisfying(Deliverer.Outcome.Failed.class, f -> {
            assertThat(f.attempts()).isEqualTo(3);
            assertThat(f.reason()).startsWith("helpdesk unreachable: ConnectException");
        });
        assertThat(waits).hasSize(2);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    private static BridgeConfig.Endpoint endpoint(URI url, int attempts) {
        return new BridgeConfig.Endpoint(
                "helpdesk",
                url,
                null,
                BridgeConfig.Format.JSON,
                Optional.of("hook-secret"),
                Duration.ofSeconds(5),
                attempts,
                Duration.ofMillis(100),
                Duration.ofSeconds(1));
    }

    private static Delivery delivery() {
        return new Delivery("SB-1:a1", "assignment", "{\"id\":\"SB-1:a1\"}".getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
