package dev.switchboard.bridge;

import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a helpdesk request's events in one Kafka transaction: all of them or none, so a request
 * is never half-applied. Requests are written one at a time (a producer has one open transaction).
 */
final class HelpdeskWriter implements AutoCloseable {
    private final Topics topics;
    private final KafkaProducer<String, byte[]> producer;
    private final Duration timeout;

    HelpdeskWriter(KafkaSettings kafka, Duration timeout) {
        this.topics = kafka.topics();
        this.timeout = timeout;
        // Each process has its own transactional id: there is no read-process-write to fence,
        // only atomic multi-record writes.
        Properties props = ClientProperties.transactionalProducer(kafka, "switchboard-bridge-" + UUID.randomUUID());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(timeout.toMillis(), 5_000)));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(timeout.toMillis(), 5_000)));
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.producer.initTransactions();
    }

    /** Writes every action or none; throws when Kafka did not take them. */
    synchronized void write(List<HelpdeskAction> actions) {
        try {
            producer.beginTransaction();
            for (HelpdeskAction action : actions) {
                producer.send(record(action));
            }
            producer.commitTransaction();
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    private ProducerRecord<String, byte[]> record(HelpdeskAction action) {
        if (action instanceof HelpdeskAction.Ticket t) {
            return new ProducerRecord<>(
                    topics.ticketEvents().name(),
                    t.event().getTicketId(),
                    topics.ticketEvents()
                            .valueSerde()
                            .serializer()
                            .serialize(topics.ticketEvents().name(), t.event()));
        }
        HelpdeskAction.Presence p = (HelpdeskAction.Presence) action;
        return new ProducerRecord<>(
                topics.agentPresence().name(),
                p.presence().getAgentId(),
                topics.agentPresence()
                        .valueSerde()
                        .serializer()
                        .serialize(topics.agentPresence().name(), p.presence()));
    }

    @Override
    public void close() {
        producer.close(timeout);
    }
}
