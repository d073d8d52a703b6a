package dev.switchboard.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.Assignment;
import dev.switchboard.events.SlaAlert;
import dev.switchboard.feed.FeedFormatter;
import dev.switchboard.schemas.AvroJson;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The bodies the bridge sends. JSON: {@code {"id", "type", "occurred_at", "data"}} where
 * {@code data} is the event as plain JSON (see {@code switchboard tail}); Slack: an incoming
 * webhook message {@code {"text": …}} with the same line the live feed prints.
 */
public final class OutboundPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FeedFormatter text = new FeedFormatter(ZoneOffset.UTC);

    public Delivery assignment(Assignment a, BridgeConfig.Format format) {
        String line = text.assignment(a);
        return delivery(
                a.getDecisionId(),
                "assignment",
                a.getDecidedAt().toString(),
                AvroJson.toJson(a),
                line,
                format,
                Map.of("ticketId", a.getTicketId()));
    }

    public Delivery slaAlert(SlaAlert alert, BridgeConfig.Format format) {
        String line = text.slaAlert(alert);
        return delivery(
                alert.getAlertId(),
                "sla_alert",
                alert.getFiredAt().toString(),
                AvroJson.toJson(alert),
                line,
                format,
                Map.of("ticketId", alert.getTicketId()));
    }

    private static Delivery delivery(
            String id,
            String kind,
            String occurredAt,
            com.fasterxml.jackson.databind.JsonNode data,
            String line,
            BridgeConfig.Format format,
            Map<String, String> context) {
        ObjectNode body = JSON.createObjectNode();
        if (format == BridgeConfig.Format.SLACK) {
            body.put("text", line);
        } else {
            body.put("id", id);
            body.put("type", kind);
            body.put("occurred_at", occurredAt);
            body.set("data", data);
        }
        try {
            return new Delivery(id, kind, JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8), context);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serializes", e);
        }
    }
}
