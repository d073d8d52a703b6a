package dev.switchboard.bench;

import dev.switchboard.events.InboundMessage;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Customer messages onto a namespace's inbound topic, as ingest would write them: a backlog as
 * fast as the producer goes (for throughput), or a steady rate (for latency at a given load).
 * The same seed gives both sides of a comparison the same messages.
 */
final class Traffic implements AutoCloseable {
    private final Topic<String, InboundMessage> topic;
    private final KafkaProducer<String, InboundMessage> producer;
    private final LoadGenerator generator;
    private final Clock clock = Clock.systemUTC();

    Traffic(KafkaSettings kafka, long seed, double followUpShare) {
        this.topic = kafka.topics().inboundMessages();
        Properties p = ClientProperties.producer(kafka);
        // Batching as a busy ingest service would; the benchmark measures the consumers, not this producer.
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(
                p, topic.keySerde().serializer(), topic.valueSerde().serializer());
        this.generator = new LoadGenerator(seed, followUpShare);
    }

    /** Writes {@code count} messages and waits until Kafka has all of them. */
    void backlog(int count) {
        for (int i = 0; i < count; i++) {
            send(generator.next(clock.instant()));
        }
        producer.flush();
    }

    /** Writes {@code rate} messages a second for {@code duration}, each stamped with its send time. */
    void paced(double rate, Duration duration) {
        long interval = (long) (1_000_000_000L / rate);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long next = start;
        while (next < end) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(generator.next(clock.instant()));
            next += interval;
        }
        producer.flush();
    }

    private void send(InboundMessage m) {
        producer.send(new ProducerRecord<>(topic.name(), m.getConversationKey(), m), (metadata, e) -> {
            if (e != null) {
                throw new IllegalStateException("The benchmark's producer failed: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
