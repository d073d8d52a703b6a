package dev.switchboard.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.http.SwitchboardSignature;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /helpdesk/events}: authenticates the helpdesk (bearer token or HMAC signature),
 * validates the whole request, then writes it atomically. Answers 200 with how many events were
 * accepted, 400 with a precise message, 401 when authentication fails, 503 when Kafka did not
 * take the events (the helpdesk should retry; with {@code event_id}s a retry cannot apply twice).
 * Free of HTTP server types, so it is tested without a server.
 */
public final class HelpdeskInbound {
    private static final Logger log = LoggerFactory.getLogger(HelpdeskInbound.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP answer: status and JSON body. */
    public record Response(int status, String body) {}

    private final BridgeConfig.Inbound auth;
    private final HelpdeskEventParser parser = new HelpdeskEventParser();
    private final Consumer<List<HelpdeskAction>> writer;
    private final Clock clock;
    private final MeterRegistry metrics;

    HelpdeskInbound(
            BridgeConfig.Inbound auth, Consumer<List<HelpdeskAction>> writer, Clock clock, MeterRegistry metrics) {
        this.auth = auth;
        this.writer = writer;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** @param header reads a request header by name, case-insensitively */
    public Response handle(Function<String, String> header, byte[] body) {
        Optional<String> denied = authenticate(header, body);
        if (denied.isPresent()) {
            log.warn("Rejected a helpdesk request: {}", denied.get());
            return answer("rejected", 401, "error", denied.get());
        }
        List<HelpdeskAction> actions;
        try {
            actions = parser.parse(body, clock.instant());
        } catch (InvalidRequestException e) {
            log.info("Refused an invalid helpdesk request: {}", e.getMessage());
            return answer("invalid", 400, "error", e.getMessage());
        }
        try {
            writer.accept(actions);
        } catch (KafkaException e) {
            log.error("Kafka did not take {} helpdesk events: {}", actions.size(), e.getMessage());
            return answer("unavailable", 503, "error", "events not stored, retry later: " + e.getMessage());
        }
        metrics.counter("switchboard.bridge.inbound.events").increment(actions.size());
        return answer("accepted", 200, "accepted", actions.size());
    }

    private Optional<String> authenticate(Function<String, String> header, byte[] body) {
        String authorization = header.apply("Authorization");
        if (auth.bearerToken().isPresent() && authorization != null && authorization.startsWith("Bearer ")) {
            byte[] given = authorization.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
            byte[] expected = auth.bearerToken().get().getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(given, expected) ? Optional.empty() : Optional.of("wrong bearer token");
        }
        if (auth.hmacSecret().isPresent()) {
            return SwitchboardSignature.problem(
                    auth.hmacSecret().get(),
                    header.apply(SwitchboardSignature.HEADER),
                    body,
                    clock.instant(),
                    auth.signatureTolerance());
        }
        return Optional.of("missing Authorization: Bearer <token>");
    }

    private Response answer(String outcome, int status, String field, Object value) {
        metrics.counter("switchboard.bridge.inbound.requests", "outcome", outcome)
                .increment();
        ObjectNode node = JSON.createObjectNode();
        if (value instanceof Integer n) {
            node.put(field, n);
        } else {
            node.put(field, String.valueOf(value));
        }
        return new Response(status, node.toString());
    }
}
