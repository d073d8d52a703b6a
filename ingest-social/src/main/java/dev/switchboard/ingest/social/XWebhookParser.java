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
 * X Account Activity API webhooks: {@code for_user_id} is the subscribed business account and
 * {@code direct_message_events[]} its Direct Messages ({@code type: message_create}), with the
 * people involved in {@code users}.
 *
 * <ul>
 *   <li>A DM from someone else becomes a {@code CUSTOMER_MESSAGE} keyed
 *       {@code x:<for_user_id>:<sender_id>} with the sender's name, the text, a quick-reply
 *       response's metadata and the media attachment by URL; the event {@code id} is the source
 *       message id.
 *   <li>A DM the business account sent itself becomes an {@code AGENT_ECHO} for its recipient.
 *   <li>The account's other activity (posts, likes, follows, typing and read indicators, …) is
 *       counted and skipped; a body with none of the known event arrays is a problem.
 * </ul>
 */
public final class XWebhookParser implements WebhookParser {
    /** Account Activity event arrays that are not Direct Messages. */
    private static final Set<String> OTHER_ACTIVITY = Set.of(
            "tweet_create_events",
            "tweet_delete_events",
            "favorite_events",
            "follow_events",
            "unfollow_events",
            "block_events",
            "unblock_events",
            "mute_events",
            "unmute_events",
            "user_event",
            "direct_message_indicate_typing_events",
            "direct_message_mark_read_events");

    private static final String P = "x.";

    @Override
    public ParsedWebhook parse(byte[] body, Instant ingestedAt) {
        Json.Result json = Json.read(body);
        if (json.problem() != null) {
            return new ParsedWebhook(List.of(), List.of(json.problem()), List.of());
        }
        JsonNode root = json.root();
        Optional<String> account = Json.text(root, "for_user_id");
        boolean hasDms = root.path("direct_message_events").isArray();
        List<String> other =
                Json.keys(root).stream().filter(OTHER_ACTIVITY::contains).toList();
        if (account.isEmpty() || (!hasDms && other.isEmpty())) {
            return ParsedWebhook.unreadable(
                    DeadLetterReason.UNKNOWN_SHAPE,
                    (account.isEmpty() ? "no for_user_id" : "no known Account Activity event") + "; keys: "
                            + Json.keys(root));
        }
        List<InboundMessage> messages = new ArrayList<>();
        List<ParsedWebhook.Problem> problems = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        other.forEach(key -> ignored.add("x " + key));
        List<JsonNode> events = Json.array(root, "direct_message_events");
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            String path = "direct_message_events[" + i + "]";
            Optional<String> type = Json.text(event, "type");
            if (!type.equals(Optional.of("message_create"))) {
                problems.add(problem(path + ": type '" + type.orElse("?") + "' is not message_create"));
                continue;
            }
            Optional<String> id = Json.text(event, "id");
            JsonNode create = event.path("message_create");
            Optional<String> sender = Json.text(create, "sender_id");
            Optional<String> recipient = Json.text(create.path("target"), "recipient_id");
            if (id.isEmpty() || sender.isEmpty() || recipient.isEmpty()) {
                problems.add(problem(path + ": needs id, message_create.sender_id and target.recipient_id"));
                continue;
            }
            boolean echo = sender.equals(account);
            String customer = echo ? recipient.get() : sender.get();
            JsonNode user = root.path("users").path(customer);
            JsonNode data = create.path("message_data");
            MessageDraft draft = MessageDraft.of(
                            Channel.X,
                            echo ? MessageKind.AGENT_ECHO : MessageKind.CUSTOMER_MESSAGE,
                            account.get(),
                            customer,
                            id.get(),
                            Json.epoch(event, "created_timestamp").orElse(ingestedAt))
                    .text(Json.text(data, "text").orElse(""))
                    .displayName(Json.text(user, "name"))
                    .meta(P + "screen-name", Json.text(user, "screen_name"))
                    .meta(P + "created-timestamp", Json.text(event, "created_timestamp"))
                    .meta(P + "source-app-id", Json.text(create, "source_app_id"))
                    .meta(P + "quick-reply-metadata", Json.text(data.path("quick_reply_response"), "metadata"))
                    .meta(P + "initiated-via.tweet-id", Json.text(event.path("initiated_via"), "tweet_id"))
                    .meta(
                            P + "initiated-via.welcome-message-id",
                            Json.text(event.path("initiated_via"), "welcome_message_id"));
            attachment(data.path("attachment")).ifPresent(draft::attachment);
            draft.meta(P + "media-id", Json.text(data.path("attachment").path("media"), "id_str"));
            messages.add(draft.build(ingestedAt));
        }
        return new ParsedWebhook(messages, problems, ignored);
    }

    /** A DM's media (by its HTTPS URL) or shared location (a {@code geo:} URI); X sends one at most. */
    static Optional<Attachment> attachment(JsonNode attachment) {
        String type = Json.text(attachment, "type").orElse("");
        if (type.equals("media")) {
            JsonNode media = attachment.path("media");
            String mediaType = switch (Json.text(media, "type").orElse("")) {
                case "photo" -> "image/*";
                // X delivers animated GIFs as MP4 video.
                case "video", "animated_gif" -> "video/*";
                default -> "application/octet-stream";
            };
            Optional<String> url = Json.text(media, "media_url_https")
                    .or(() -> Json.text(media, "media_url"))
                    .or(() -> Json.text(media, "id_str"));
            return Optional.of(MessageDraft.attachment("", mediaType, url.orElse(null)));
        }
        if (type.equals("location")) {
            // GeoJSON order: longitude first.
            JsonNode coordinates = attachment
                    .path("location")
                    .path("shared_coordinate")
                    .path("coordinates")
                    .path("coordinates");
            Optional<String> geo = coordinates.isArray() && coordinates.size() == 2
                    ? Optional.of("geo:" + coordinates.get(1).asText() + ","
                            + coordinates.get(0).asText())
                    : Json.text(attachment.path("location").path("shared_place").path("place"), "id");
            return Optional.of(MessageDraft.attachment("location", "text/uri-list", geo.orElse(null)));
        }
        return Optional.empty();
    }

    private static ParsedWebhook.Problem problem(String detail) {
        return new ParsedWebhook.Problem(DeadLetterReason.UNKNOWN_SHAPE, detail);
    }
}
