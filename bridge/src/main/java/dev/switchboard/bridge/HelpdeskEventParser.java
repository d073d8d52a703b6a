package dev.switchboard.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.AgentPresence;
import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads what a helpdesk posts to {@code POST /helpdesk/events}: one event object, or
 * {@code {"events": [...]}}, each with a {@code type}:
 *
 * <ul>
 *   <li>{@code agent_replied}: {@code ticket_id}, {@code agent_id}, {@code message_id} (the reply's
 *       Message-ID, for email threading), {@code public} (default true);
 *   <li>{@code status_changed}: {@code ticket_id}, {@code status} = open | pending | solved | closed;
 *   <li>{@code presence_changed}: {@code agent_id}, {@code status} = online | away | offline;
 *   <li>{@code reassign_requested}: {@code ticket_id}, {@code agent_id} (from whom), optional
 *       {@code to_agent}, {@code reason};
 *   <li>{@code merged}: {@code ticket_id}, {@code merged_into}.
 * </ul>
 *
 * Every event may carry {@code event_id} (recommended: a retried request then cannot apply twice)
 * and {@code occurred_at} (ISO-8601; default: when received). The whole request is validated
 * before anything is applied; the first problem is reported with its path.
 */
public final class HelpdeskEventParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COMMON = Set.of("type", "event_id", "occurred_at");

    public List<HelpdeskAction> parse(byte[] body, Instant now) throws InvalidRequestException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("body is not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new InvalidRequestException("body cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("body must be a JSON object: one event, or {\"events\": [...]}");
        }
        List<HelpdeskAction> actions = new ArrayList<>();
        if (root.has("events")) {
            JsonNode events = root.get("events");
            if (!events.isArray() || events.isEmpty()) {
                throw new InvalidRequestException("events: expected a non-empty array of events");
            }
            for (int i = 0; i < events.size(); i++) {
                actions.add(action(events.get(i), "events[" + i + "]", now));
            }
        } else {
            actions.add(action(root, "", now));
        }
        return actions;
    }

    private HelpdeskAction action(JsonNode node, String path, Instant now) throws InvalidRequestException {
        if (!node.isObject()) {
            throw new InvalidRequestException(at(path) + "expected an event object");
        }
        String type = text(node, path, "type", true);
        Instant occurredAt = instant(node, path, now);
        String eventId =
                node.hasNonNull("event_id") ? text(node, path, "event_id", true) : "helpdesk:" + UUID.randomUUID();
        return switch (type) {
            case "agent_replied" -> {
                allowOnly(node, path, "ticket_id", "agent_id", "message_id", "public");
                TicketEvent.Builder e = ticketEvent(node, path, eventId, occurredAt, TicketEventType.AGENT_REPLIED)
                        .setAgentId(optional(node, path, "agent_id"))
                        .setMessageId(stripBrackets(optional(node, path, "message_id")))
                        .setPublicReply(bool(node, path, "public", true));
                yield new HelpdeskAction.Ticket(e.build());
            }
            case "status_changed" -> {
                allowOnly(node, path, "ticket_id", "status", "agent_id");
                TicketStatus status = choice(
                        node,
                        path,
                        "status",
                        Map.of(
                                "open", TicketStatus.OPEN,
                                "pending", TicketStatus.PENDING,
                                "solved", TicketStatus.SOLVED,
                                "closed", TicketStatus.CLOSED));
                yield new HelpdeskAction.Ticket(
                        ticketEvent(node, path, eventId, occurredAt, TicketEventType.STATUS_CHANGED)
                                .setStatus(status)
                                .setAgentId(optional(node, path, "agent_id"))
                                .build());
            }
            case "presence_changed" -> {
                allowOnly(node, path, "agent_id", "status");
                PresenceStatus status = choice(
                        node,
                        path,
                        "status",
                        Map.of(
                                "online", PresenceStatus.ONLINE,
                                "away", PresenceStatus.AWAY,
                                "offline", PresenceStatus.OFFLINE));
                yield new HelpdeskAction.Presence(
                        new AgentPresence(text(node, path, "agent_id", true), status, occurredAt, "helpdesk"));
            }
            case "reassign_requested" -> {
                allowOnly(node, path, "ticket_id", "agent_id", "to_agent", "reason");
                Map<String, String> attributes = new HashMap<>();
                String to = optional(node, path, "to_agent");
                if (to != null) {
                    attributes.put("toAgent", to);
                }
                String reason = optional(node, path, "reason");
                yield new HelpdeskAction.Ticket(
                        ticketEvent(node, path, eventId, occurredAt, TicketEventType.REASSIGN_REQUESTED)
                                .setAgentId(optional(node, path, "agent_id"))
                                .setAttributes(attributes)
                                .setReasons(reason == null ? List.of() : List.of(reason))
                                .build());
            }
            case "merged" -> {
                allowOnly(node, path, "ticket_id", "merged_into");
                yield new HelpdeskAction.Ticket(ticketEvent(node, path, eventId, occurredAt, TicketEventType.MERGED)
                        .setStatus(TicketStatus.MERGED)
                        .setAttributes(Map.of("mergedInto", text(node, path, "merged_into", true)))
                        .build());
            }
            default ->
                throw new InvalidRequestException(at(path) + "type: expected one of agent_replied, status_changed,"
                        + " presence_changed, reassign_requested, merged, got '" + type + "'");
        };
    }

    private static TicketEvent.Builder ticketEvent(
            JsonNode node, String path, String eventId, Instant at, TicketEventType type)
            throws InvalidRequestException {
        return TicketEvent.newBuilder()
                .setEventId(eventId)
                .setTicketId(text(node, path, "ticket_id", true))
                .setType(type)
                .setOrigin(EventOrigin.HELPDESK)
                .setOccurredAt(at);
    }

    private static void allowOnly(JsonNode node, String path, String... fields) throws InvalidRequestException {
        Set<String> allowed = new java.util.HashSet<>(COMMON);
        allowed.addAll(List.of(fields));
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidRequestException(at(path) + name + ": unknown field for type "
                        + node.get("type").asText() + "; expected " + String.join(", ", List.of(fields)));
            }
        }
    }

    private static String text(JsonNode node, String path, String field, boolean required)
            throws InvalidRequestException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidRequestException(at(path) + field + ": required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidRequestException(at(path) + field + ": expected a non-empty string");
        }
        return value.asText();
    }

    private static String optional(JsonNode node, String path, String field) throws InvalidRequestException {
        return text(node, path, field, false);
    }

    private static boolean bool(JsonNode node, String path, String field, boolean fallback)
            throws InvalidRequestException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidRequestException(at(path) + field + ": expected true or false");
        }
        return value.asBoolean();
    }

    private static <T> T choice(JsonNode node, String path, String field, Map<String, T> choices)
            throws InvalidRequestException {
        String value = text(node, path, field, true);
        T choice = choices.get(value.toLowerCase(Locale.ROOT));
        if (choice == null) {
            throw new InvalidRequestException(at(path) + field + ": expected one of "
                    + String.join(", ", choices.keySet().stream().sorted().toList()) + ", got '" + value + "'");
        }
        return choice;
    }

    private static Instant instant(JsonNode node, String path, Instant now) throws InvalidRequestException {
        String value = optional(node, path, "occurred_at");
        if (value == null) {
            return now;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(at(path) + "occurred_at: expected an ISO-8601 instant such as"
                    + " 2026-11-26T09:30:00Z, got '" + value + "'");
        }
    }

    private static String stripBrackets(String messageId) {
        if (messageId == null) {
            return null;
        }
        String id = messageId.strip();
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : path + ".";
    }
}
