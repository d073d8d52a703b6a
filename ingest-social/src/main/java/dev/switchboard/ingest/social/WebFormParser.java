package dev.switchboard.ingest.social;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.Attachment;
import dev.switchboard.events.Channel;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.MessageKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Switchboard's own webhook format for a shop's contact form or chat widget (documented in
 * {@code docs/ingest-social.md}): one message object, or {@code {"messages": [...]}} for several.
 *
 * <pre>
 * {
 *   "id": "contact-7f3c2a",                 required, unique per message: the source message id
 *   "site": "shop-a",                       optional, the form or widget (default "default")
 *   "sentAt": "2026-11-26T09:30:00Z",       optional, ISO-8601 or epoch milliseconds
 *   "visitor": {"id": "v-4821", "name": "Layla Hassan",
 *               "email": "layla@example.com", "phone": "+966500000001"},   id or email required
 *   "subject": "Refund for order 4567",     optional
 *   "text": "…",                            required unless there are attachments
 *   "language": "ar",                       optional BCP 47 tag
 *   "attachments": [{"name": "receipt.pdf", "type": "application/pdf", "size": 48213,
 *                    "url": "https://shop.example/uploads/abc.pdf"}],
 *   "metadata": {"page": "https://shop.example/orders/4567"}   optional, strings
 * }
 * </pre>
 *
 * Every message becomes a {@code CUSTOMER_MESSAGE} keyed {@code web:<site>:<visitor id or email>}.
 * Unknown fields are ignored, so widgets can send more than this reads.
 */
public final class WebFormParser implements WebhookParser {
    static final String DEFAULT_SITE = "default";

    @Override
    public ParsedWebhook parse(byte[] body, Instant ingestedAt) {
        Json.Result json = Json.read(body);
        if (json.problem() != null) {
            return new ParsedWebhook(List.of(), List.of(json.problem()), List.of());
        }
        JsonNode root = json.root();
        List<JsonNode> items = root.has("messages") ? Json.array(root, "messages") : List.of(root);
        if (items.isEmpty()) {
            return ParsedWebhook.unreadable(DeadLetterReason.UNKNOWN_SHAPE, "'messages' is not a non-empty array");
        }
        List<InboundMessage> messages = new ArrayList<>();
        List<ParsedWebhook.Problem> problems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = root.has("messages") ? "messages[" + i + "]" : "the message";
            Optional<String> problem = problem(items.get(i), path);
            if (problem.isPresent()) {
                problems.add(new ParsedWebhook.Problem(DeadLetterReason.UNKNOWN_SHAPE, problem.get()));
            } else {
                messages.add(message(items.get(i), ingestedAt));
            }
        }
        return new ParsedWebhook(messages, problems, List.of());
    }

    /** What makes an item unusable, if anything. */
    private static Optional<String> problem(JsonNode item, String path) {
        if (!item.isObject()) {
            return Optional.of(path + ": not an object");
        }
        JsonNode text = item.path("text");
        if (Json.text(item, "id").isEmpty()) {
            return Optional.of(path + ": 'id' is required");
        }
        if (visitorId(item.path("visitor")).isEmpty()) {
            return Optional.of(path + ": 'visitor' needs an 'id' or an 'email'");
        }
        if (!text.isMissingNode() && !text.isNull() && !text.isTextual()) {
            return Optional.of(path + ": 'text' must be a string");
        }
        if (text.asText("").isBlank() && Json.array(item, "attachments").isEmpty()) {
            return Optional.of(path + ": no 'text' and no 'attachments'");
        }
        return Optional.empty();
    }

    private static Optional<String> email(JsonNode visitor) {
        return Json.text(visitor, "email").map(e -> e.trim().toLowerCase(Locale.ROOT));
    }

    private static Optional<String> visitorId(JsonNode visitor) {
        return Json.text(visitor, "id").or(() -> email(visitor));
    }

    private static InboundMessage message(JsonNode item, Instant ingestedAt) {
        JsonNode visitor = item.path("visitor");
        String site = Json.text(item, "site").orElse(DEFAULT_SITE);
        MessageDraft draft = MessageDraft.of(
                        Channel.WEB,
                        MessageKind.CUSTOMER_MESSAGE,
                        site,
                        visitorId(visitor).orElseThrow(),
                        Json.text(item, "id").orElseThrow(),
                        Json.instant(item, "sentAt").orElse(ingestedAt))
                .text(item.path("text").asText(""))
                .subject(Json.text(item, "subject"))
                .language(Json.text(item, "language"))
                .displayName(Json.text(visitor, "name"))
                .address(email(visitor))
                .phone(Json.text(visitor, "phone"))
                .meta("web.sent-at", Json.text(item, "sentAt"));
        for (JsonNode attachment : Json.array(item, "attachments")) {
            draft.attachment(attachment(attachment));
        }
        for (Map.Entry<String, JsonNode> field : iterable(item.path("metadata"))) {
            if (field.getValue().isValueNode()) {
                draft.meta("web." + field.getKey(), field.getValue().asText());
            }
        }
        return draft.build(ingestedAt);
    }

    private static Attachment attachment(JsonNode attachment) {
        return Attachment.newBuilder()
                .setName(Json.text(attachment, "name").orElse(""))
                .setMediaType(Json.text(attachment, "type").orElse("application/octet-stream"))
                .setSize(Json.text(attachment, "size")
                        .flatMap(WebFormParser::size)
                        .orElse(null))
                .setReference(Json.text(attachment, "url")
                        .or(() -> Json.text(attachment, "id"))
                        .orElse(null))
                .build();
    }

    private static Optional<Long> size(String text) {
        try {
            return Optional.of(Long.parseLong(text)).filter(n -> n >= 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node.isObject() ? node.properties() : List.of();
    }
}
