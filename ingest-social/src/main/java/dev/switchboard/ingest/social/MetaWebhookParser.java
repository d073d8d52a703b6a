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
import java.util.Optional;
import java.util.Set;

/**
 * Messenger ({@code "object": "page"}) and Instagram messaging ({@code "object": "instagram"})
 * webhooks: {@code entry[].messaging[]} (and {@code standby[]} when another app owns the thread),
 * each item a message, an echo of the business's own message, or a postback.
 *
 * <ul>
 *   <li>A message becomes a {@code CUSTOMER_MESSAGE} with its text, quick-reply payload, reply
 *       target and attachments (by URL; locations as {@code geo:} URIs); its {@code mid} is the
 *       source message id.
 *   <li>An echo ({@code is_echo}) becomes an {@code AGENT_ECHO} whose customer is the recipient.
 *   <li>A postback (button, Get Started, persistent menu, ice breaker) becomes a
 *       {@code CUSTOMER_MESSAGE} with the button title as text and its payload in metadata.
 *   <li>Read and delivery receipts, reactions and deleted-message notices are counted and
 *       skipped; anything else is a problem (dead letter).
 * </ul>
 *
 * Entries in the {@code changes[]} form that Meta's dashboard sends as test notifications are read
 * the same way when their value is a messaging event. Meta does not send customer names in
 * webhooks, so messages carry the PSID / IGSID only.
 */
public final class MetaWebhookParser implements WebhookParser {
    private static final Set<String> SKIPPED = Set.of("read", "delivery", "reaction");
    private static final String P = "meta.";

    @Override
    public ParsedWebhook parse(byte[] body, Instant ingestedAt) {
        Json.Result json = Json.read(body);
        if (json.problem() != null) {
            return new ParsedWebhook(List.of(), List.of(json.problem()), List.of());
        }
        JsonNode root = json.root();
        Optional<String> object = Json.text(root, "object");
        Channel channel;
        if (object.equals(Optional.of("page"))) {
            channel = Channel.MESSENGER;
        } else if (object.equals(Optional.of("instagram"))) {
            channel = Channel.INSTAGRAM;
        } else {
            return ParsedWebhook.unreadable(
                    DeadLetterReason.UNKNOWN_SHAPE,
                    object.map(o -> "object '" + o + "' is neither page nor instagram")
                            .orElse("no 'object' field; keys: " + Json.keys(root)));
        }
        if (!root.path("entry").isArray()) {
            return ParsedWebhook.unreadable(DeadLetterReason.UNKNOWN_SHAPE, "no 'entry' array");
        }
        Batch batch = new Batch(channel, ingestedAt);
        List<JsonNode> entries = Json.array(root, "entry");
        for (int i = 0; i < entries.size(); i++) {
            batch.entry(entries.get(i), "entry[" + i + "]");
        }
        return new ParsedWebhook(batch.messages, batch.problems, batch.ignored);
    }

    /** The state of one body's parse: what it produced so far. */
    private static final class Batch {
        private final Channel channel;
        private final Instant ingestedAt;
        private final List<InboundMessage> messages = new ArrayList<>();
        private final List<ParsedWebhook.Problem> problems = new ArrayList<>();
        private final List<String> ignored = new ArrayList<>();

        Batch(Channel channel, Instant ingestedAt) {
            this.channel = channel;
            this.ingestedAt = ingestedAt;
        }

        void entry(JsonNode entry, String path) {
            List<JsonNode> messaging = Json.array(entry, "messaging");
            List<JsonNode> standby = Json.array(entry, "standby");
            List<JsonNode> changes = Json.array(entry, "changes");
            if (messaging.isEmpty() && standby.isEmpty() && changes.isEmpty()) {
                problem(path + ": no messaging, standby or changes; keys: " + Json.keys(entry));
                return;
            }
            for (int j = 0; j < messaging.size(); j++) {
                item(entry, messaging.get(j), path + ".messaging[" + j + "]", false);
            }
            for (int j = 0; j < standby.size(); j++) {
                item(entry, standby.get(j), path + ".standby[" + j + "]", true);
            }
            for (int j = 0; j < changes.size(); j++) {
                JsonNode change = changes.get(j);
                String at = path + ".changes[" + j + "]";
                JsonNode value = change.path("value");
                if (value.has("sender") && (value.has("message") || value.has("postback") || skipped(value))) {
                    item(entry, value, at + ".value", false);
                } else {
                    problem(at + ": field '" + Json.text(change, "field").orElse("?")
                            + "' is not a messaging event; subscribe to messages, messaging_postbacks"
                            + " and message_echoes only");
                }
            }
        }

        private void item(JsonNode entry, JsonNode item, String path, boolean standby) {
            Optional<JsonNode> message = Json.object(item, "message");
            Optional<JsonNode> postback = Json.object(item, "postback");
            if (message.isPresent()) {
                message(entry, item, message.get(), path, standby);
            } else if (postback.isPresent()) {
                postback(entry, item, postback.get(), path, standby);
            } else if (skipped(item)) {
                ignored.add(channelName() + " "
                        + SKIPPED.stream().filter(item::has).findFirst().orElseThrow());
            } else {
                problem(path + ": no message or postback; keys: " + Json.keys(item));
            }
        }

        private void message(JsonNode entry, JsonNode item, JsonNode message, String path, boolean standby) {
            if (Json.flag(message, "is_deleted")) {
                ignored.add(channelName() + " deleted message");
                return;
            }
            Optional<String> mid = Json.text(message, "mid");
            if (mid.isEmpty()) {
                problem(path + ".message: no mid");
                return;
            }
            boolean echo = Json.flag(message, "is_echo");
            Optional<MessageDraft> started = start(entry, item, path, echo, mid.get());
            if (started.isEmpty()) {
                return;
            }
            MessageDraft draft = started.get()
                    .text(Json.text(message, "text").orElse(""))
                    .meta(P + "event", echo ? "echo" : "message")
                    .meta(P + "quick-reply-payload", Json.text(message.path("quick_reply"), "payload"))
                    .meta(P + "reply-to", Json.text(message.path("reply_to"), "mid"))
                    .meta(
                            P + "reply-to.story-id",
                            Json.text(message.path("reply_to").path("story"), "id"))
                    .meta(
                            P + "reply-to.story-url",
                            Json.text(message.path("reply_to").path("story"), "url"))
                    .meta(P + "app-id", Json.text(message, "app_id"))
                    .meta(P + "echo-metadata", Json.text(message, "metadata"))
                    .meta(P + "unsupported", Json.flag(message, "is_unsupported") ? "true" : null);
            referral(draft, message.path("referral"));
            List<String> types = new ArrayList<>();
            for (JsonNode attachment : Json.array(message, "attachments")) {
                String type = Json.text(attachment, "type").orElse("unknown");
                types.add(type);
                draft.attachment(attachment(type, attachment));
                draft.meta(P + "sticker-id", Json.text(attachment.path("payload"), "sticker_id"));
            }
            draft.meta(P + "attachment-types", types.isEmpty() ? null : String.join(",", types));
            finish(draft, standby);
        }

        private void postback(JsonNode entry, JsonNode item, JsonNode postback, String path, boolean standby) {
            // Postbacks before Graph API v11 have no mid; sender and time identify one across retries.
            Optional<String> id = Json.text(postback, "mid")
                    .or(() -> Json.text(item, "timestamp")
                            .flatMap(t -> Json.text(item.path("sender"), "id").map(s -> "postback:" + s + ":" + t)));
            if (id.isEmpty()) {
                problem(path + ".postback: no mid and no sender and timestamp to identify it");
                return;
            }
            Optional<MessageDraft> started = start(entry, item, path, false, id.get());
            if (started.isEmpty()) {
                return;
            }
            MessageDraft draft = started.get()
                    .text(Json.text(postback, "title").orElse(""))
                    .meta(P + "event", "postback")
                    .meta(P + "postback-title", Json.text(postback, "title"))
                    .meta(P + "postback-payload", Json.text(postback, "payload"));
            referral(draft, postback.path("referral"));
            finish(draft, standby);
        }

        /** The draft with who and when, or empty (and a problem) when the item lacks either side. */
        private Optional<MessageDraft> start(JsonNode entry, JsonNode item, String path, boolean echo, String id) {
            Optional<String> sender =
                    Json.text(item.path("sender"), "id").or(() -> Json.text(item.path("sender"), "user_ref"));
            Optional<String> recipient = Json.text(item.path("recipient"), "id");
            // In an echo the business is the sender and the customer the recipient.
            Optional<String> customer = echo ? recipient : sender;
            Optional<String> account =
                    Json.text(entry, "id").filter(a -> !a.equals("0")).or(() -> echo ? sender : recipient);
            if (customer.isEmpty() || account.isEmpty()) {
                problem(path + ": no " + (customer.isEmpty() ? (echo ? "recipient" : "sender") : "business") + " id");
                return Optional.empty();
            }
            Instant receivedAt = Json.epoch(item, "timestamp")
                    .or(() -> Json.epoch(entry, "time"))
                    .orElse(ingestedAt);
            MessageKind kind = echo ? MessageKind.AGENT_ECHO : MessageKind.CUSTOMER_MESSAGE;
            return Optional.of(MessageDraft.of(channel, kind, account.get(), customer.get(), id, receivedAt)
                    .meta(P + "timestamp", Json.text(item, "timestamp")));
        }

        private void finish(MessageDraft draft, boolean standby) {
            draft.meta(P + "standby", standby ? "true" : null);
            messages.add(draft.build(ingestedAt));
        }

        private static void referral(MessageDraft draft, JsonNode referral) {
            draft.meta(P + "referral.ref", Json.text(referral, "ref"))
                    .meta(P + "referral.source", Json.text(referral, "source"))
                    .meta(P + "referral.type", Json.text(referral, "type"))
                    .meta(P + "referral.ad-id", Json.text(referral, "ad_id"))
                    .meta(P + "referral.product-id", Json.text(referral.path("product"), "id"));
        }

        private static boolean skipped(JsonNode item) {
            return SKIPPED.stream().anyMatch(item::has);
        }

        private String channelName() {
            return channel == Channel.INSTAGRAM ? "instagram" : "messenger";
        }

        private void problem(String detail) {
            problems.add(new ParsedWebhook.Problem(DeadLetterReason.UNKNOWN_SHAPE, detail));
        }
    }

    /**
     * One attachment by reference. Meta names no media types, only kinds, so media get a wildcard
     * type ({@code image/*}); links, shares, story mentions and the like are {@code text/uri-list}.
     */
    static Attachment attachment(String type, JsonNode attachment) {
        JsonNode payload = attachment.path("payload");
        Optional<String> title = Json.text(attachment, "title").or(() -> Json.text(payload, "title"));
        if (type.equals("location")) {
            JsonNode coordinates = payload.path("coordinates");
            Optional<String> geo = Json.text(coordinates, "lat")
                    .flatMap(lat -> Json.text(coordinates, "long").map(lon -> "geo:" + lat + "," + lon));
            return MessageDraft.attachment(
                    title.orElse("location"),
                    "text/uri-list",
                    geo.orElse(Json.text(attachment, "url").orElse(null)));
        }
        String mediaType = switch (type) {
            case "image", "sticker" -> "image/*";
            case "video", "reel", "ig_reel" -> "video/*";
            case "audio" -> "audio/*";
            case "file" -> "application/octet-stream";
            default -> "text/uri-list";
        };
        Optional<String> reference = Json.text(payload, "url")
                .or(() -> Json.text(attachment, "url"))
                .or(() -> Json.text(payload, "attachment_id"))
                .or(() -> Json.text(payload, "sticker_id"))
                .or(() -> Json.text(payload, "reel_video_id"));
        return MessageDraft.attachment(title.orElse(""), mediaType, reference.orElse(null));
    }
}
