package dev.switchboard.ingest.social;

import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the events of one webhook request and tells whether Kafka acknowledged all of them.
 *
 * <p>The producer is idempotent with {@code acks=all} (nothing acknowledged is lost or doubled by
 * the producer's own retries), and its own timeouts are the request's bound: {@code send} blocks
 * at most {@code max.block.ms} for metadata and every record is settled, acknowledged or failed,
 * within {@code delivery.timeout.ms}, both set to the configured ack timeout. {@link #publish}
 * waits until every record of the request has settled, so a failed request leaves no record
 * behind that Kafka might still write later; the platform's retry then writes it once. A record
 * whose acknowledgement was lost in flight (Kafka slow, not down) may be written twice; the router
 * deduplicates on the source message id.
 */
final class EventPublisher implements RecordPublisher {
    // Extra wait beyond the producer's own bound, only so a producer bug can never hang a request.
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Duration settleBound;

    EventPublisher(KafkaSettings kafka, Duration ackTimeout) {
        this.producer = new KafkaProducer<>(
                producerProperties(kafka, ackTimeout), new ByteArraySerializer(), new ByteArraySerializer());
        this.settleBound = ackTimeout.multipliedBy(2).plus(SAFETY_MARGIN);
    }

    static Properties producerProperties(KafkaSettings kafka, Duration ackTimeout) {
        Properties p = ClientProperties.producer(kafka);
        long timeout = ackTimeout.toMillis();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, kafka.topicPrefix() + WebhookIngestor.SERVICE);
        // The platform waits for our answer: Kafka must settle every record within the ack timeout.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
        // Leaves room for at least one retry inside the delivery timeout (which must cover linger + request).
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, Math.min(30_000, timeout / 2)));
        // Every request waits for its acknowledgement, so lingering (Kafka 4's default is 5 ms) only
        // adds to each answer. One produce request in flight per broker keeps the records in order:
        // with several, a request refused while a new partition's leader starts (NOT_LEADER) can be
        // overtaken by the next one, and its retries then fail as out of sequence until the ack
        // timeout (KAFKA-15591). Records of concurrent requests gather while one is in flight and
        // share the next. Both can be set in the file's Kafka properties (SWITCHBOARD_KAFKA_*).
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return p;
    }

    /** Sends every record and waits until each is acknowledged or failed. */
    @Override
    public Result publish(List<Outgoing> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        String failure = null;
        try {
            for (Outgoing record : records) {
                sent.add(producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value())));
            }
        } catch (KafkaException | IllegalStateException e) {
            // send() itself failed: no metadata within max.block.ms, buffer full, producer closed.
            failure = describe(e);
        }
        long deadline = System.nanoTime() + settleBound.toNanos();
        int acknowledged = 0;
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (ExecutionException e) {
                failure = failure == null ? describe(e.getCause()) : failure;
            } catch (TimeoutException e) {
                failure = failure == null ? "not settled within " + settleBound : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? "interrupted while waiting for Kafka" : failure;
                break;
            }
        }
        return failure == null
                ? new Result.Acknowledged(acknowledged)
                : new Result.Failed(acknowledged, records.size(), failure);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
