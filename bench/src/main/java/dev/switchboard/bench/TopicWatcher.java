package dev.switchboard.bench;

import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads one topic from its beginning as a user's read_committed consumer would, on its own
 * thread: what arrived, when the last record arrived, and each record's latency
 * from the moment it carries (e.g. when the customer's message was received) to its arrival.
 */
final class TopicWatcher<V> implements AutoCloseable {
    /** What the watcher makes of one record: its latency origin, if it counts for latency. */
    interface Sink<V> {
        Optional<Instant> accept(String key, V value);
    }

    private final KafkaConsumer<String, V> consumer;
    private final Sink<V> sink;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Recorder latencies = new Recorder(3_600_000_000L, 3);
    private volatile long records;
    private volatile long lastArrivalNanos;
    private volatile Throwable failure;

    TopicWatcher(KafkaSettings kafka, String topic, Deserializer<String> keys, Deserializer<V> values, Sink<V> sink) {
        this.consumer = new KafkaConsumer<>(ClientProperties.consumer(kafka, null), keys, values);
        this.sink = sink;
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "watch-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    static <V> TopicWatcher<V> of(KafkaSettings kafka, dev.switchboard.schemas.Topic<String, V> topic, Sink<V> sink) {
        return new TopicWatcher<>(
                kafka,
                topic.name(),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer(),
                sink);
    }

    static <V> TopicWatcher<V> of(
            KafkaSettings kafka,
            String topic,
            dev.switchboard.schemas.Topic<String, V> like,
            Function<V, Optional<Instant>> origin) {
        return new TopicWatcher<>(
                kafka,
                topic,
                like.keySerde().deserializer(),
                like.valueSerde().deserializer(),
                (k, v) -> origin.apply(v));
    }

    private void run() {
        try {
            while (running.get()) {
                var batch = consumer.poll(Duration.ofMillis(50));
                if (batch.isEmpty()) {
                    continue;
                }
                long arrival = System.nanoTime();
                long wall = System.currentTimeMillis();
                for (ConsumerRecord<String, V> r : batch) {
                    Optional<Instant> origin = sink.accept(r.key(), r.value());
                    origin.ifPresent(o -> latencies.recordValue(Math.max(0, wall - o.toEpochMilli()) * 1000));
                }
                lastArrivalNanos = arrival;
                records += batch.count();
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    long records() {
        check();
        return records;
    }

    long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** Latencies (microseconds) recorded since the last call. */
    Histogram takeLatencies() {
        check();
        return latencies.getIntervalHistogram();
    }

    private void check() {
        if (failure != null) {
            throw new IllegalStateException("Reading the output failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
