package dev.switchboard.ingest.social;

import dev.switchboard.events.Attachment;
import dev.switchboard.events.Channel;
import dev.switchboard.events.CustomerIdentity;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.MessageKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link InboundMessage} being assembled by a platform parser. It owns the rules every social
 * channel shares: the conversation key is {@code channel:account:customer}, the source id is the
 * business account, blank values are left out.
 */
final class MessageDraft {
    private final Channel channel;
    private final MessageKind kind;
    private final String account;
    private final String customerId;
    private final String sourceMessageId;
    private final Instant receivedAt;
    private final CustomerIdentity.Builder customer = CustomerIdentity.newBuilder();
    private final List<Attachment> attachments = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private String text = "";
    private String subject;
    private String language;

    private MessageDraft(
            Channel channel,
            MessageKind kind,
            String account,
            String customerId,
            String sourceMessageId,
            Instant receivedAt) {
        this.channel = channel;
        this.kind = kind;
        this.account = account;
        this.customerId = customerId;
        this.sourceMessageId = sourceMessageId;
        this.receivedAt = receivedAt;
        customer.setHandle(customerId);
    }

    /**
     * @param account the business side: page id, Instagram account id, phone number id, X account
     *     id, web site id
     * @param customerId the customer side: PSID, IGSID, wa_id, X user id, visitor id
     */
    static MessageDraft of(
            Channel channel,
            MessageKind kind,
            String account,
            String customerId,
            String sourceMessageId,
            Instant receivedAt) {
        return new MessageDraft(channel, kind, account, customerId, sourceMessageId, receivedAt);
    }

    /** {@code whatsapp:<phone-number-id>:<wa_id>}, as docs/events.md defines it. */
    static String conversationKey(Channel channel, String account, String customerId) {
        return channel.name().toLowerCase(Locale.ROOT) + ":" + account + ":" + customerId;
    }

    MessageDraft text(String value) {
        text = value == null ? "" : value;
        return this;
    }

    String text() {
        return text;
    }

    MessageDraft subject(Optional<String> value) {
        subject = value.orElse(null);
        return this;
    }

    MessageDraft language(Optional<String> value) {
        language = value.orElse(null);
        return this;
    }

    MessageDraft displayName(Optional<String> value) {
        value.ifPresent(customer::setDisplayName);
        return this;
    }

    MessageDraft phone(Optional<String> value) {
        value.ifPresent(customer::setPhone);
        return this;
    }

    MessageDraft address(Optional<String> value) {
        value.map(a -> a.trim().toLowerCase(Locale.ROOT)).ifPresent(customer::setAddress);
        return this;
    }

    MessageDraft attachment(Attachment attachment) {
        attachments.add(attachment);
        return this;
    }

    MessageDraft meta(String key, Optional<String> value) {
        value.filter(v -> !v.isBlank()).ifPresent(v -> metadata.put(key, v));
        return this;
    }

    MessageDraft meta(String key, String value) {
        return meta(key, Optional.ofNullable(value));
    }

    InboundMessage build(Instant ingestedAt) {
        return InboundMessage.newBuilder()
                .setSourceMessageId(sourceMessageId)
                .setSourceId(account)
                .setChannel(channel)
                .setKind(kind)
                .setConversationKey(conversationKey(channel, account, customerId))
                .setCustomer(customer.build())
                .setSubject(subject)
                .setBodyText(text.strip())
                .setFullText(text)
                .setLanguage(language)
                .setAttachments(List.copyOf(attachments))
                .setReceivedAt(receivedAt)
                .setIngestedAt(ingestedAt)
                .setMetadata(Map.copyOf(metadata))
                .build();
    }

    /** An attachment known by reference only: Switchboard never downloads platform media. */
    static Attachment attachment(String name, String mediaType, String reference) {
        return Attachment.newBuilder()
                .setName(name == null ? "" : name)
                .setMediaType(mediaType)
                .setReference(reference)
                .build();
    }
}
