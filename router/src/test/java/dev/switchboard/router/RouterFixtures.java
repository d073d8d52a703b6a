package dev.switchboard.router;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.events.BounceInfo;
import dev.switchboard.events.Channel;
import dev.switchboard.events.CustomerIdentity;
import dev.switchboard.events.EmailThreading;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.MessageFlags;
import dev.switchboard.events.MessageKind;
import dev.switchboard.router.config.RoutingRules;
import dev.switchboard.router.understanding.MessageAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The shipped rules ({@code config/routing.yaml}) and small factories for inbound messages. The
 * analyzer loads language models, so tests share one.
 */
public final class RouterFixtures {
    public static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    private static RoutingRules rules;
    private static MessageAnalyzer analyzer;

    private RouterFixtures() {}

    public static Path configDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("config").resolve("routing.yaml"))) {
                return dir.resolve("config");
            }
        }
        throw new IllegalStateException(
                "config/routing.yaml not found above " + Path.of("").toAbsolutePath());
    }

    public static synchronized RoutingRules rules() {
        if (rules == null) {
            rules = RoutingRules.load(new ConfigLoader(Map.of()), configDir().resolve("routing.yaml"));
        }
        return rules;
    }

    public static synchronized MessageAnalyzer analyzer() {
        if (analyzer == null) {
            analyzer = new MessageAnalyzer(rules());
        }
        return analyzer;
    }

    /** A customer's e-mail, a new thread: conversation key from its own Message-ID. */
    public static InboundMessage email(String messageId, String from, String subject, String body, Instant at) {
        return emailBuilder(messageId, "email:support:" + messageId, from, subject, body, at)
                .setThreading(
                        EmailThreading.newBuilder().setMessageId(messageId).build())
                .build();
    }

    /** A reply to earlier messages: In-Reply-To the last of {@code references}. */
    public static InboundMessage emailReply(
            String messageId,
            String conversationKey,
            String from,
            String subject,
            String body,
            Instant at,
            List<String> references) {
        return emailBuilder(messageId, conversationKey, from, subject, body, at)
                .setThreading(EmailThreading.newBuilder()
                        .setMessageId(messageId)
                        .setInReplyTo(references.isEmpty() ? List.of() : List.of(references.get(references.size() - 1)))
                        .setReferences(references)
                        .build())
                .build();
    }

    public static InboundMessage.Builder emailBuilder(
            String messageId, String conversationKey, String from, String subject, String body, Instant at) {
        return InboundMessage.newBuilder()
                .setSourceMessageId(messageId)
                .setSourceId("support")
                .setChannel(Channel.EMAIL)
                .setKind(MessageKind.CUSTOMER_MESSAGE)
                .setConversationKey(conversationKey)
                .setCustomer(CustomerIdentity.newBuilder().setAddress(from).build())
                .setSubject(subject)
                .setBodyText(body)
                .setFullText(body)
                .setReceivedAt(at);
    }

    public static InboundMessage whatsapp(String messageId, String waId, String body, Instant at) {
        return social(
                messageId, Channel.WHATSAPP, "whatsapp:15550001:" + waId, waId, body, at, MessageKind.CUSTOMER_MESSAGE);
    }

    public static InboundMessage social(
            String messageId,
            Channel channel,
            String conversationKey,
            String handle,
            String body,
            Instant at,
            MessageKind kind) {
        return InboundMessage.newBuilder()
                .setSourceMessageId(messageId)
                .setSourceId("15550001")
                .setChannel(channel)
                .setKind(kind)
                .setConversationKey(conversationKey)
                .setCustomer(CustomerIdentity.newBuilder().setHandle(handle).build())
                .setBodyText(body)
                .setFullText(body)
                .setReceivedAt(at)
                .build();
    }

    public static InboundMessage autoReply(InboundMessage message) {
        return InboundMessage.newBuilder(message)
                .setFlags(MessageFlags.newBuilder().setAutoReply(true).build())
                .build();
    }

    public static InboundMessage bounce(
            String messageId, String conversationKey, String failedAddress, List<String> references, Instant at) {
        return emailBuilder(
                        messageId,
                        conversationKey,
                        "mailer-daemon@mx.example",
                        "Undelivered Mail Returned to Sender",
                        "Delivery to the following recipient failed permanently",
                        at)
                .setFlags(MessageFlags.newBuilder().setBounce(true).build())
                .setBounce(BounceInfo.newBuilder()
                        .setFailedRecipient(failedAddress)
                        .setStatus("5.1.1")
                        .setDiagnostic("user unknown")
                        .build())
                .setThreading(EmailThreading.newBuilder()
                        .setMessageId(messageId)
                        .setReferences(references)
                        .build())
                .build();
    }
}
