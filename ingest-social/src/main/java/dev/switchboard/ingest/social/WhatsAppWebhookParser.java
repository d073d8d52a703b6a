package dev.switchboard.ingest.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.switchboard.events.Attachment;
import dev.switchboard.events.Channel;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.MessageKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * WhatsApp Cloud API webhooks ({@code "object": "whatsapp_business_account"}): each
 * {@code entry[].changes[]} with {@code field: messages} carries {@code messages[]} from customers
 * (with their {@code contacts[]}) and {@code statuses[]} of the business's own messages.
 *
 * <ul>
 *   <li>A message becomes a {@code CUSTOMER_MESSAGE} keyed {@code whatsapp:<phone_number_id>:<wa_id>}
 *       with the contact's profile name and phone ({@code +wa_id}); its {@code wamid} is the source
 *       message id. Text, captions, button and list replies, template quick-reply buttons and orders
 *       give the text; images, audio, video, documents and stickers are attachments by media id
 *       with their MIME type; a location is a {@code geo:} attachment. A message type this parser
 *       does not know still becomes an event (empty text, its type in metadata): a customer wrote.
 *   <li>A status (sent, delivered, read, failed, …) becomes a {@code DELIVERY_STATUS} with
 *       {@code metadata.status} and {@code metadata.status.message-id}; its source message id is
 *       {@code <wamid>:<status>}, so each step is deduplicated on its own.
 *   <li>Messages the business sent from the WhatsApp Business app ({@code smb_message_echoes},
 *       coexistence) become {@code AGENT_ECHO}s for their recipient.
 *   <li>Reactions, system notices and welcome requests are counted and skipped; a change of another
 *       field (templates, account updates) is a problem (dead letter).
 * </ul>
 *
 * When WhatsApp usernames hide a customer's phone number, the business-scoped user id
 * ({@code user_id}) stands in for the wa_id.
 */
public final class WhatsAppWebhookParser implements WebhookParser {
    private static final Set<String> SKIPPED_TYPES = Set.of("reaction", "system", "request_welcome", "ephemeral");
    private static final String P = "whatsapp.";

    @Override
    public ParsedWebhook parse(byte[] body, Instant ingestedAt) {
        Json.Result json = Json.read(body);
        if (json.problem() != null) {
            return new ParsedWebhook(List.of(), List.of(json.problem()), List.of());
        }
        JsonNode root = json.root();
        Optional<String> object = Json.text(root, "object");
        if (!object.equals(Optional.of("whatsapp_business_account"))) {
            return ParsedWebhook.unreadable(
                    DeadLetterReason.UNKNOWN_SHAPE,
                    object.map(o -> "object '" + o + "' is not whatsapp_business_account")
                            .orElse("no 'object' field; keys: " + Json.keys(root)));
        }
        if (!root.path("entry").isArray()) {
            return ParsedWebhook.unreadable(DeadLetterReason.UNKNOWN_SHAPE, "no 'entry' array");
        }
        Batch batch = new Batch(ingestedAt);
        List<JsonNode> entries = Json.array(root, "entry");
        for (int i = 0; i < entries.size(); i++) {
            List<JsonNode> changes = Json.array(entries.get(i), "changes");
            if (changes.isEmpty()) {
                batch.problem("entry[" + i + "]: no changes; keys: " + Json.keys(entries.get(i)));
            }
            for (int j = 0; j < changes.size(); j++) {
                batch.change(entries.get(i), changes.get(j), "entry[" + i + "].changes[" + j + "]");
            }
        }
        return new ParsedWebhook(batch.messages, batch.problems, batch.ignored);
    }

    private static final class Batch {
        private final Instant ingestedAt;
        private final List<InboundMessage> messages = new ArrayList<>();
        private final List<ParsedWebhook.Problem> problems = new ArrayList<>();
        private final List<String> ignored = new ArrayList<>();

        Batch(Instant ingestedAt) {
            this.ingestedAt = ingestedAt;
        }

        void change(JsonNode entry, JsonNode change, String path) {
            Optional<String> field = Json.text(change, "field");
            boolean echoes = field.equals(Optional.of("smb_message_echoes"));
            if (!field.equals(Optional.of("messages")) && !echoes) {
                problem(path + ": field '" + field.orElse("?")
                        + "' is not handled; subscribe to 'messages' (and 'smb_message_echoes') only");
                return;
            }
            JsonNode value = change.path("value");
            Optional<String> phoneNumberId = Json.text(value.path("metadata"), "phone_number_id");
            if (phoneNumberId.isEmpty()) {
                problem(path + ".value: no metadata.phone_number_id");
                return;
            }
            if (echoes) {
                Account account = new Account(
                        phoneNumberId.get(),
                        Json.text(value.path("metadata"), "display_phone_number"),
                        Json.text(entry, "id"));
                List<JsonNode> sent = Json.array(value, "message_echoes");
                if (sent.isEmpty()) {
                    problem(path + ".value: no message_echoes");
                }
                for (int k = 0; k < sent.size(); k++) {
                    echo(account, sent.get(k), path + ".value.message_echoes[" + k + "]");
                }
                return;
            }
            List<JsonNode> received = Json.array(value, "messages");
            List<JsonNode> statuses = Json.array(value, "statuses");
            List<JsonNode> errors = Json.array(value, "errors");
            if (received.isEmpty() && statuses.isEmpty() && errors.isEmpty()) {
                problem(path + ".value: no messages, statuses or errors; keys: " + Json.keys(value));
                return;
            }
            Account account = new Account(
                    phoneNumberId.get(),
                    Json.text(value.path("metadata"), "display_phone_number"),
                    Json.text(entry, "id"));
            List<JsonNode> contacts = Json.array(value, "contacts");
            for (int k = 0; k < received.size(); k++) {
                message(account, contacts, received.get(k), path + ".value.messages[" + k + "]");
            }
            for (int k = 0; k < statuses.size(); k++) {
                status(account, statuses.get(k), path + ".value.statuses[" + k + "]");
            }
            // Errors about the account or the app, not about a conversation: operators see them in metrics.
            errors.forEach(e -> ignored.add("whatsapp error notification"));
        }

        private void message(Account account, List<JsonNode> contacts, JsonNode message, String path) {
            String type = Json.text(message, "type").orElse("unknown");
            if (SKIPPED_TYPES.contains(type)) {
                ignored.add("whatsapp " + type);
                return;
            }
            Optional<String> wamid = Json.text(message, "id");
            Optional<String> from = Json.text(message, "from");
            Optional<String> fromUserId = Json.text(message, "from_user_id");
            JsonNode contact = contact(contacts, from, fromUserId);
            Optional<String> waId = from.or(() -> Json.text(contact, "wa_id"));
            Optional<String> userId = fromUserId.or(() -> Json.text(contact, "user_id"));
            Optional<String> customer = waId.or(() -> userId);
            if (wamid.isEmpty() || customer.isEmpty()) {
                problem(path + ": no " + (wamid.isEmpty() ? "id" : "from"));
                return;
            }
            Instant receivedAt = Json.epoch(message, "timestamp").orElse(ingestedAt);
            MessageDraft draft = MessageDraft.of(
                            Channel.WHATSAPP,
                            MessageKind.CUSTOMER_MESSAGE,
                            account.phoneNumberId(),
                            customer.get(),
                            wamid.get(),
                            receivedAt)
                    .displayName(Json.text(contact.path("profile"), "name"))
                    .phone(waId.map(id -> id.startsWith("+") ? id : "+" + id))
                    .meta(P + "type", type)
                    .meta(P + "timestamp", Json.text(message, "timestamp"))
                    .meta(P + "user-id", userId)
                    .meta(P + "username", Json.text(contact.path("profile"), "username"))
                    .meta(P + "context.id", Json.text(message.path("context"), "id"))
                    .meta(P + "forwarded", Json.flag(message.path("context"), "forwarded") ? "true" : null)
                    .meta(P + "referral.source-url", Json.text(message.path("referral"), "source_url"))
                    .meta(P + "referral.source-id", Json.text(message.path("referral"), "source_id"));
            account.describe(draft);
            content(draft, type, message);
            JsonNode error = first(Json.array(message, "errors"));
            draft.meta(P + "error.code", Json.text(error, "code")).meta(P + "error.title", Json.text(error, "title"));
            messages.add(draft.build(ingestedAt));
        }

        /**
         * A message the business sent from the WhatsApp Business app (coexistence): the agent
         * answered outside Switchboard, which stops SLA clocks like any echo.
         */
        private void echo(Account account, JsonNode message, String path) {
            Optional<String> wamid = Json.text(message, "id");
            // "to" is the number as the business typed it; keys use the wa_id form, without "+".
            Optional<String> customer = Json.text(message, "to").map(to -> to.startsWith("+") ? to.substring(1) : to);
            if (wamid.isEmpty() || customer.isEmpty()) {
                problem(path + ": needs id and to");
                return;
            }
            String type = Json.text(message, "type").orElse("unknown");
            MessageDraft draft = MessageDraft.of(
                            Channel.WHATSAPP,
                            MessageKind.AGENT_ECHO,
                            account.phoneNumberId(),
                            customer.get(),
                            wamid.get(),
                            Json.epoch(message, "timestamp").orElse(ingestedAt))
                    .phone(customer.map(id -> "+" + id))
                    .meta(P + "type", type)
                    .meta(P + "timestamp", Json.text(message, "timestamp"))
                    .meta(P + "echo-source", "business-app");
            account.describe(draft);
            content(draft, type, message);
            messages.add(draft.build(ingestedAt));
        }

        private void content(MessageDraft draft, String type, JsonNode message) {
            JsonNode body = message.path(type);
            switch (type) {
                case "text" -> draft.text(Json.text(body, "body").orElse(""));
                case "image", "video", "audio", "document", "sticker" -> {
                    draft.text(Json.text(body, "caption").orElse(""));
                    draft.attachment(media(body));
                    draft.meta(P + "voice", Json.flag(body, "voice") ? "true" : null);
                }
                case "location" -> {
                    Optional<String> geo = Json.text(body, "latitude")
                            .flatMap(lat -> Json.text(body, "longitude").map(lon -> "geo:" + lat + "," + lon));
                    Optional<String> label = Json.text(body, "name").or(() -> Json.text(body, "address"));
                    draft.attachment(
                            MessageDraft.attachment(label.orElse("location"), "text/uri-list", geo.orElse(null)));
                    draft.meta(P + "location.name", Json.text(body, "name"))
                            .meta(P + "location.address", Json.text(body, "address"))
                            .meta(P + "location.url", Json.text(body, "url"));
                }
                case "interactive" -> {
                    String kind = Json.text(body, "type").orElse("");
                    JsonNode reply = body.path(kind);
                    // Button and list replies carry the chosen title; a Flow's reply (nfm_reply) a body.
                    String title = Json.text(reply, "title")
                            .or(() -> Json.text(reply, "body"))
                            .orElse("");
                    String description = Json.text(reply, "description").orElse("");
                    draft.text(description.isEmpty() ? title : title + "\n" + description)
                            .meta(P + "interactive.type", kind)
                            .meta(P + "interactive.id", Json.text(reply, "id"))
                            .meta(P + "interactive.response-json", Json.text(reply, "response_json"));
                }
                case "button" ->
                    draft.text(Json.text(body, "text").orElse(""))
                            .meta(P + "button-payload", Json.text(body, "payload"));
                case "order" ->
                    draft.text(Json.text(body, "text").orElse(""))
                            .meta(P + "order.catalog-id", Json.text(body, "catalog_id"))
                            .meta(
                                    P + "order.items",
                                    Json.array(body, "product_items").stream()
                                            .map(item -> Json.text(item, "product_retailer_id")
                                                            .orElse("?") + " x"
                                                    + Json.text(item, "quantity")
                                                            .orElse("1"))
                                            .collect(Collectors.joining(", ")));
                case "contacts" ->
                    draft.meta(
                            P + "contacts",
                            Json.array(message, "contacts").stream()
                                    .map(Batch::contactCard)
                                    .collect(Collectors.joining("; ")));
                default -> {
                    // Unknown or "unsupported" types: the customer wrote something; the type tells what.
                }
            }
        }

        private static String contactCard(JsonNode card) {
            String name = Json.text(card.path("name"), "formatted_name").orElse("");
            String phones = Json.array(card, "phones").stream()
                    .map(p -> Json.text(p, "phone").orElse(""))
                    .filter(p -> !p.isEmpty())
                    .collect(Collectors.joining(", "));
            return phones.isEmpty() ? name : name + " (" + phones + ")";
        }

        private void status(Account account, JsonNode status, String path) {
            Optional<String> wamid = Json.text(status, "id");
            Optional<String> state = Json.text(status, "status");
            Optional<String> customer =
                    Json.text(status, "recipient_id").or(() -> Json.text(status, "recipient_user_id"));
            if (wamid.isEmpty() || state.isEmpty() || customer.isEmpty()) {
                problem(path + ": needs id, status and recipient_id");
                return;
            }
            JsonNode error = first(Json.array(status, "errors"));
            MessageDraft draft = MessageDraft.of(
                            Channel.WHATSAPP,
                            MessageKind.DELIVERY_STATUS,
                            account.phoneNumberId(),
                            customer.get(),
                            wamid.get() + ":" + state.get(),
                            Json.epoch(status, "timestamp").orElse(ingestedAt))
                    .phone(Json.text(status, "recipient_id")
                            .filter(id -> !Json.text(status, "recipient_type").equals(Optional.of("group")))
                            .map(id -> "+" + id))
                    .meta("status", state)
                    .meta("status.message-id", wamid)
                    .meta("status.error.code", Json.text(error, "code"))
                    .meta("status.error.title", Json.text(error, "title"))
                    .meta("status.error.details", Json.text(error.path("error_data"), "details"))
                    .meta(P + "timestamp", Json.text(status, "timestamp"))
                    .meta(P + "user-id", Json.text(status, "recipient_user_id"))
                    .meta(P + "recipient-type", Json.text(status, "recipient_type"))
                    .meta(P + "conversation.id", Json.text(status.path("conversation"), "id"))
                    .meta(P + "pricing.category", Json.text(status.path("pricing"), "category"))
                    .meta(P + "biz-opaque-callback-data", Json.text(status, "biz_opaque_callback_data"));
            account.describe(draft);
            messages.add(draft.build(ingestedAt));
        }

        /** The contacts[] entry of the message's sender; the only one when the payload has one. */
        private static JsonNode contact(List<JsonNode> contacts, Optional<String> waId, Optional<String> userId) {
            for (JsonNode contact : contacts) {
                if ((waId.isPresent() && Json.text(contact, "wa_id").equals(waId))
                        || (userId.isPresent() && Json.text(contact, "user_id").equals(userId))) {
                    return contact;
                }
            }
            return contacts.size() == 1 && waId.isEmpty() && userId.isEmpty()
                    ? contacts.get(0)
                    : MissingNode.getInstance();
        }

        private static JsonNode first(List<JsonNode> nodes) {
            return nodes.isEmpty() ? MissingNode.getInstance() : nodes.get(0);
        }

        void problem(String detail) {
            problems.add(new ParsedWebhook.Problem(DeadLetterReason.UNKNOWN_SHAPE, detail));
        }
    }

    /** The business side of a change: the phone number that received it and its account. */
    private record Account(String phoneNumberId, Optional<String> displayPhoneNumber, Optional<String> wabaId) {
        void describe(MessageDraft draft) {
            draft.meta(P + "display-phone-number", displayPhoneNumber).meta(P + "waba-id", wabaId);
        }
    }

    /**
     * A media message by its WhatsApp media id (fetched, if ever, through the Graph API, never by
     * Switchboard). WhatsApp's {@code sha256} is base64; the event carries hex like every sha256.
     */
    static Attachment media(JsonNode media) {
        return Attachment.newBuilder()
                .setName(Json.text(media, "filename").orElse(""))
                .setMediaType(Json.text(media, "mime_type").orElse("application/octet-stream"))
                .setReference(
                        Json.text(media, "id").or(() -> Json.text(media, "url")).orElse(null))
                .setSha256(Json.text(media, "sha256")
                        .flatMap(WhatsAppWebhookParser::hexSha256)
                        .orElse(null))
                .build();
    }

    private static Optional<String> hexSha256(String value) {
        if (value.matches("[0-9a-fA-F]{64}")) {
            return Optional.of(value.toLowerCase());
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(value);
            return bytes.length == 32 ? Optional.of(HexFormat.of().formatHex(bytes)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
