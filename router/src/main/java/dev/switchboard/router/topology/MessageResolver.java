package dev.switchboard.router.topology;

import dev.switchboard.events.EmailThreading;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.router.TicketRouter;
import dev.switchboard.router.tickets.TicketIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First step, on the partition of the message's conversation: drops duplicates (a source message
 * id seen within the dedupe window), then finds the ticket the message names, if any: a ticket
 * token in the subject ({@code [#SB-2KQ4]}), else the newest References / In-Reply-To id the
 * ticket index knows (customers' earlier messages and agents' replies alike). The message goes on
 * keyed by that ticket id, or by its conversation key when it names none, and the
 * {@link TicketPartitioner} takes it to the partition that owns the ticket.
 *
 * <p>How it was found travels in the metadata ({@code router.resolved-by}), so the ticket says why
 * a message joined it.
 */
public final class MessageResolver implements Processor<String, InboundMessage, String, InboundMessage> {
    static final String RESOLVED_BY = "router.resolved-by";
    /** A ticket token the message carries but may not join: another customer's, or unknown. */
    static final String NAMED_TICKET = "router.named-ticket";

    static final String VIA_SUBJECT = "subject-token";
    static final String VIA_REFERENCES = "references";

    private static final Logger log = LoggerFactory.getLogger(MessageResolver.class);

    private final Duration dedupeWindow;
    private final RouterMetrics metrics;
    private ProcessorContext<String, InboundMessage> context;
    private WindowStore<String, Long> seen;

    public MessageResolver(Duration dedupeWindow, RouterMetrics metrics) {
        this.dedupeWindow = dedupeWindow;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, InboundMessage> context) {
        this.context = context;
        this.seen = context.getStateStore(TicketRouter.DEDUPE_STORE);
    }

    @Override
    public void process(Record<String, InboundMessage> record) {
        InboundMessage message = record.value();
        if (message == null) {
            return;
        }
        String id = dedupeKey(message);
        long at = record.timestamp();
        if (isDuplicate(id, at)) {
            metrics.dropped(log, "duplicate", id, message.getConversationKey());
            return;
        }
        seen.put(id, at, at);
        Optional<Resolution> resolution = resolve(message);
        String key = resolution.map(Resolution::key).orElse(message.getConversationKey());
        InboundMessage routed = message;
        if (resolution.isPresent() && resolution.get().named().isPresent()) {
            routed =
                    withMetadata(message, NAMED_TICKET, resolution.get().named().get());
        } else if (resolution.isPresent()) {
            routed = withMetadata(message, RESOLVED_BY, resolution.get().via());
        }
        context.forward(record.withKey(key).withValue(routed));
    }

    /**
     * What makes a message the same message again: its source id, and for delivery reports also
     * the status (a platform may report sent, delivered, read and failed for one message id).
     */
    static String dedupeKey(InboundMessage message) {
        if (message.getKind() == dev.switchboard.events.MessageKind.DELIVERY_STATUS) {
            return message.getSourceMessageId() + "|" + message.getMetadata().getOrDefault("status", "");
        }
        return message.getSourceMessageId();
    }

    private boolean isDuplicate(String id, long at) {
        try (WindowStoreIterator<Long> it =
                seen.fetch(id, at - dedupeWindow.toMillis(), at + dedupeWindow.toMillis())) {
            return it.hasNext();
        }
    }

    private Optional<Resolution> resolve(InboundMessage message) {
        Optional<String> token = TicketIds.fromSubject(message.getSubject());
        if (token.isPresent()) {
            // A token is believed only for a known ticket of the same customer; anyone can type one.
            Optional<String> owner = TicketIndex.customerOf(TicketIndex.store(context), token.get());
            if (owner.isPresent()
                    && TicketIndex.customerKeys(message.getCustomer()).contains(owner.get())) {
                return Optional.of(new Resolution(token.get(), VIA_SUBJECT, Optional.empty()));
            }
        }
        for (String referenced : referencesNewestFirst(message.getThreading())) {
            Optional<String> ticket = TicketIndex.ticketOfMessage(TicketIndex.store(context), referenced);
            if (ticket.isPresent()) {
                return Optional.of(new Resolution(ticket.get(), VIA_REFERENCES + " " + referenced, Optional.empty()));
            }
        }
        return token.map(t -> new Resolution(message.getConversationKey(), "", Optional.of(t)));
    }

    /** In-Reply-To first (the direct parent), then References from the newest. */
    static List<String> referencesNewestFirst(EmailThreading threading) {
        if (threading == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(threading.getInReplyTo());
        List<String> references = new ArrayList<>(threading.getReferences());
        java.util.Collections.reverse(references);
        for (String r : references) {
            if (!ids.contains(r)) {
                ids.add(r);
            }
        }
        return ids;
    }

    static InboundMessage withMetadata(InboundMessage message, String key, String value) {
        Map<String, String> metadata = new HashMap<>(message.getMetadata());
        metadata.put(key, value);
        return InboundMessage.newBuilder(message).setMetadata(metadata).build();
    }

    /**
     * Where the message goes: {@code key} is the ticket it joins (or its conversation key when
     * {@code named} holds a ticket it names but may not join).
     */
    private record Resolution(String key, String via, Optional<String> named) {}
}
