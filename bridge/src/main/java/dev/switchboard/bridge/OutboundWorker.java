package dev.switchboard.bridge;

import dev.switchboard.events.Assignment;
import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.SlaAlert;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topics;
import dev.switchboard.schemas.UndecodableRecordException;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one endpoint's events in topic order: its own consumer group
 * ({@code bridge.<endpoint>}), so a slow or failing endpoint never holds back another.
 *
 * <p>Offsets are committed after each record is delivered or dead-lettered, so a crash repeats at
 * most the deliveries in flight, and the receiver drops those repeats by {@code Idempotency-Key}.
 * After the last retry the delivery, body included, goes to the dead-letter topic.
 */
final class OutboundWorker implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboundWorker.class);

    private final BridgeConfig.Endpoint endpoint;
    private final Topics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<String, DeadLetter> deadLetters;
    private final Deliverer deliverer;
    private final OutboundPayloads payloads = new OutboundPayloads();
    private final Clock clock;
    private final MeterRegistry metrics;
    private volatile boolean closed;

    OutboundWorker(
            BridgeConfig.Endpoint endpoint,
            KafkaSettings kafka,
            Deliverer deliverer,
            Clock clock,
            MeterRegistry metrics) {
        this.endpoint = endpoint;
        this.topics = kafka.topics();
        this.deliverer = deliverer;
        this.clock = clock;
        this.metrics = metrics;
        Properties consumerProps = ClientProperties.consumer(kafka, "bridge." + endpoint.name());
        consumerProps.put("enable.auto.commit", "false");
        // A delivery may wait out several backoffs; the group must not evict us meanwhile.
        consumerProps.put("max.poll.records", "20");
        consumerProps.put("max.poll.interval.ms", "900000");
        this.consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.deadLetters = new KafkaProducer<>(
                ClientProperties.producer(kafka),
                topics.deadLetter().keySerde().serializer(),
                topics.deadLetter().valueSerde().serializer());
    }

    @Override
    public void run() {
        List<String> subscribed = new ArrayList<>();
        if (endpoint.events().contains(BridgeConfig.EventKind.ASSIGNMENT)) {
            subscribed.add(topics.assignments().name());
        }
        if (endpoint.events().contains(BridgeConfig.EventKind.SLA_ALERT)) {
            subscribed.add(topics.slaAlerts().name());
        }
        try {
            consumer.subscribe(subscribed);
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            // close() asked us to stop; what was delivered is committed below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                consumer.commitSync();
            } catch (RuntimeException e) {
                log.debug("Final commit for {} skipped: {}", endpoint.name(), e.getMessage());
            }
            consumer.close(Duration.ofSeconds(5));
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
        Delivery delivery;
        try {
            delivery = payload(record);
        } catch (UndecodableRecordException e) {
            deadLetter(record, e.rawBytes(), DeadLetterReason.UNDECODABLE_RECORD, e.getMessage());
            return;
        }
        if (delivery == null) {
            return;
        }
        Deliverer.Outcome outcome = deliverer.deliver(endpoint, delivery);
        metrics.counter(
                        "switchboard.bridge.deliveries",
                        "endpoint",
                        endpoint.name(),
                        "outcome",
                        outcome instanceof Deliverer.Outcome.Delivered ? "delivered" : "dead-lettered")
                .increment();
        if (outcome instanceof Deliverer.Outcome.Failed failed) {
            log.error(
                    "Gave up delivering {} {} to {} after {} attempts: {}; it is on the dead-letter topic",
                    delivery.kind(),
                    delivery.id(),
                    endpoint.name(),
                    failed.attempts(),
                    failed.reason());
            deadLetter(
                    record,
                    delivery.body(),
                    DeadLetterReason.DELIVERY_FAILED,
                    "delivery of " + delivery.kind() + " " + delivery.id() + " to " + endpoint.name() + " ("
                            + endpoint.url() + ") failed after " + failed.attempts() + " attempts: " + failed.reason());
        }
    }

    private Delivery payload(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(topics.assignments().name())) {
            Assignment a = topics.assignments().valueSerde().deserializer().deserialize(record.topic(), record.value());
            return a == null ? null : payloads.assignment(a, endpoint.format());
        }
        SlaAlert alert = topics.slaAlerts().valueSerde().deserializer().deserialize(record.topic(), record.value());
        return alert == null ? null : payloads.slaAlert(alert, endpoint.format());
    }

    private void deadLetter(
            ConsumerRecord<byte[], byte[]> record, byte[] payload, DeadLetterReason reason, String detail)
            throws InterruptedException {
        Map<String, String> context = new HashMap<>();
        context.put("endpoint", endpoint.name());
        context.put("topic", record.topic());
        context.put("partition", Integer.toString(record.partition()));
        context.put("offset", Long.toString(record.offset()));
        DeadLetter letter = DeadLetter.newBuilder()
                .setService("bridge")
                .setSourceId(endpoint.name())
                .setReason(reason)
                .setDetail(detail)
                .setPayload(ByteBuffer.wrap(payload))
                .setOriginalSize(payload.length)
                .setOccurredAt(clock.instant())
                .setContext(context)
                .build();
        try {
            deadLetters
                    .send(new ProducerRecord<>(topics.deadLetter().name(), endpoint.name(), letter))
                    .get();
        } catch (ExecutionException e) {
            // Without the dead letter the delivery would be lost: stop here so the offset is not committed.
            throw new IllegalStateException("Cannot write the dead letter for " + endpoint.name(), e.getCause());
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
    }
}
