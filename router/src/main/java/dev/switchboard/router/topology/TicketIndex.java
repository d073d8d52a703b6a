package dev.switchboard.router.topology;

import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.router.assignment.AssignmentEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The ticket index: a global store fed by {@code support.tickets.events}, so every router task
 * can answer "which ticket does this Message-ID belong to?" and "what did the helpdesk say about
 * this ticket?" whichever partition the ticket lives on.
 *
 * <p>Entries: {@code msg:<message id>} → ticket id, for every event that names a message (the
 * router's CREATED / CUSTOMER_MESSAGE / REOPENED / NOTE_ADDED, the helpdesk's AGENT_REPLIED and
 * the router's SOCIAL_ECHO replies), {@code tkt:<ticket id>} → {@link HelpdeskFacts} from the
 * helpdesk's events, and {@code asg:<ticket id>} → {@link AssignmentFacts} from assignment's
 * decisions (assignee, SLA-raised priority). Entries expire after the index window ({@code exp:<time>:<key>} entries keep
 * them in time order so expiry reads only what is due).
 *
 * <p>Consistency: the global consumer reads committed records only (exactly_once_v2), so an id
 * becomes visible to lookups when the transaction that wrote its event commits and the global
 * thread has read it: typically well under a second after the first message. A reply faster than
 * that still joins its ticket through its conversation key (the thread root), which email clients
 * keep; only a reply that both arrives within that moment and starts a new conversation key would
 * open a second ticket. On restore Kafka Streams replays the topic through this processor
 * (KIP-1024), so the store is rebuilt in this format.
 */
public final class TicketIndex {
    static final String MESSAGE = "msg:";
    static final String TICKET = "tkt:";
    static final String CUSTOMER = "cus:";
    static final String ASSIGNMENT = "asg:";
    static final String EXPIRY = "exp:";

    private TicketIndex() {}

    /** The index, as a processor of the router's topology reads it. */
    static ReadOnlyKeyValueStore<String, String> store(
            org.apache.kafka.streams.processor.api.ProcessingContext context) {
        return context.getStateStore(dev.switchboard.router.TicketRouter.INDEX_STORE);
    }

    /** The ticket a message id belongs to. */
    public static Optional<String> ticketOfMessage(ReadOnlyKeyValueStore<String, String> index, String messageId) {
        return value(index, MESSAGE + messageId);
    }

    /**
     * The customer who opened a ticket (first of address, handle, phone), when the ticket is
     * known: a ticket token in a subject is believed only from that customer.
     */
    public static Optional<String> customerOf(ReadOnlyKeyValueStore<String, String> index, String ticketId) {
        return value(index, CUSTOMER + ticketId);
    }

    /** The keys that identify a customer, lower-cased: address, handle, phone. */
    public static java.util.List<String> customerKeys(dev.switchboard.events.CustomerIdentity who) {
        java.util.List<String> keys = new ArrayList<>();
        java.util.stream.Stream.of(who.getAddress(), who.getHandle(), who.getPhone())
                .filter(java.util.Objects::nonNull)
                .map(k -> k.toLowerCase(java.util.Locale.ROOT))
                .forEach(keys::add);
        return keys;
    }

    public static HelpdeskFacts facts(ReadOnlyKeyValueStore<String, String> index, String ticketId) {
        return value(index, TICKET + ticketId).map(HelpdeskFacts::decode).orElse(HelpdeskFacts.NONE);
    }

    public static AssignmentFacts assignment(ReadOnlyKeyValueStore<String, String> index, String ticketId) {
        return value(index, ASSIGNMENT + ticketId).map(AssignmentFacts::decode).orElse(AssignmentFacts.NONE);
    }

    // Values are stored as "<epoch ms>|<value>": the time finds the entry's expiry record.
    private static Optional<String> value(ReadOnlyKeyValueStore<String, String> index, String key) {
        String stored = index.get(key);
        return stored == null ? Optional.empty() : Optional.of(stored.substring(stored.indexOf('|') + 1));
    }

    private static String expiryKey(long at, String key) {
        return EXPIRY + String.format("%019d", Math.max(0, at)) + ":" + key;
    }

    /** Keeps the index: the global store's processor. */
    static final class Updater implements Processor<String, TicketEvent, Void, Void> {
        private final String storeName;
        private final Duration retention;
        private KeyValueStore<String, String> store;

        Updater(String storeName, Duration retention) {
            this.storeName = storeName;
            this.retention = retention;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, TicketEvent> record) {
            TicketEvent event = record.value();
            if (event == null || event.getTicketId() == null) {
                return;
            }
            long at = event.getOccurredAt().toEpochMilli();
            if (event.getMessageId() != null && !event.getMessageId().isBlank()) {
                put(MESSAGE + event.getMessageId(), event.getTicketId(), at);
            }
            if (event.getType() == TicketEventType.CREATED && event.getTicket() != null) {
                customerKeys(event.getTicket().getCustomer()).stream()
                        .findFirst()
                        .ifPresent(key -> put(CUSTOMER + event.getTicketId(), key, at));
            }
            if (event.getOrigin() == EventOrigin.ROUTER
                    && AssignmentEngine.STAGE_VALUE.equals(event.getAttributes().get(AssignmentEngine.STAGE))) {
                AssignmentFacts before = assignment(store, event.getTicketId());
                AssignmentFacts after = applyDecision(before, event);
                if (!after.equals(before)) {
                    put(ASSIGNMENT + event.getTicketId(), after.encode(), at);
                }
            }
            if (event.getOrigin() != EventOrigin.ROUTER) {
                HelpdeskFacts before = facts(store, event.getTicketId());
                HelpdeskFacts after = apply(before, event, at);
                if (!after.equals(before)) {
                    put(TICKET + event.getTicketId(), after.encode(), at);
                }
            }
            expire(at - retention.toMillis());
        }

        private static AssignmentFacts applyDecision(AssignmentFacts facts, TicketEvent event) {
            return switch (event.getType()) {
                case ASSIGNED -> facts.withAssignee(event.getAgentId());
                case UNASSIGNED, QUEUED -> facts.withAssignee(null);
                case PRIORITY_CHANGED ->
                    java.util.Optional.ofNullable(event.getAttributes().get(AssignmentEngine.PRIORITY_FLOOR))
                            .map(dev.switchboard.events.Priority::valueOf)
                            .map(facts::withFloor)
                            .orElse(facts);
                default -> facts;
            };
        }

        private static HelpdeskFacts apply(HelpdeskFacts facts, TicketEvent event, long at) {
            return switch (event.getType()) {
                case AGENT_REPLIED -> event.getPublicReply() ? facts.withAgentReply(at) : facts;
                case STATUS_CHANGED ->
                    event.getStatus() == null || event.getStatus() == TicketStatus.UNKNOWN
                            ? facts
                            : facts.withStatus(event.getStatus(), at);
                case MERGED -> facts.withMergedInto(event.getAttributes().getOrDefault("mergedInto", ""), at);
                default -> facts;
            };
        }

        private void put(String key, String value, long at) {
            String old = store.get(key);
            if (old != null) {
                store.delete(expiryKey(Long.parseLong(old.substring(0, old.indexOf('|'))), key));
            }
            store.put(key, at + "|" + value);
            store.put(expiryKey(at, key), "");
        }

        private void expire(long cutoff) {
            if (cutoff <= 0) {
                return;
            }
            List<String> due = new ArrayList<>();
            try (KeyValueIterator<String, String> it = store.range(EXPIRY, expiryKey(cutoff, ""))) {
                while (it.hasNext()) {
                    due.add(it.next().key);
                }
            }
            for (String expiry : due) {
                String key = expiry.substring(EXPIRY.length() + 20);
                store.delete(key);
                store.delete(expiry);
            }
        }
    }
}
