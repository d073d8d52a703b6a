package dev.switchboard.bench;

import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What reached Kafka, and when, as a downstream reader sees it: a read_committed consumer on a
 * benchmark's output topics, from the beginning, counting every record, the distinct ids among
 * them (so a record written twice shows) and the moment each arrived. It polls on its own thread
 * from {@link #start} until {@link #close}. Arrival is when a poll returned the record, so it
 * includes the consumer's own fetch delay (at most its poll interval, 100 ms, usually far less).
 */
final class CommittedCounter implements AutoCloseable {
    /**
     * A topic to count and what identifies the input a record stands for. Ids are compared across
     * topics: an input that became both an event and a dead letter counts twice.
     */
    record Source<V>(Topic<String, V> topic, Function<V, String> id) {
        String idOf(byte[] value) {
            return id.apply(topic.valueSerde().deserializer().deserialize(topic.name(), value));
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Source<?>> sources = new LinkedHashMap<>();
    private final Thread poller;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final Set<String> ids = new HashSet<>();
    private final Map<String, Integer> perTopic = new LinkedHashMap<>();
    private long[] arrivals = new long[1024];
    private int count;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    private CommittedCounter(KafkaSettings kafka, List<Source<?>> sources) {
        sources.forEach(s -> this.sources.put(s.topic().name(), s));
        sources.forEach(s -> perTopic.put(s.topic().name(), 0));
        this.consumer = new KafkaConsumer<>(
                ClientProperties.consumer(kafka, null), new StringDeserializer(), new ByteArrayDeserializer());
        this.poller = new Thread(this::poll, "bench-counter");
        this.poller.setDaemon(true);
    }

    /** Starts counting; returns once the consumer has its partitions and their start offsets. */
    static CommittedCounter start(KafkaSettings kafka, List<Source<?>> sources) {
        CommittedCounter counter = new CommittedCounter(kafka, sources);
        counter.poller.start();
        try {
            if (!counter.assigned.await(60, TimeUnit.SECONDS)) {
                counter.close();
                throw new IllegalStateException("the counting consumer found no partitions within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        counter.rethrow();
        return counter;
    }

    private void poll() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : sources.keySet()) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Resolve the start offsets now, so the first poll of the measurement does not wait for them.
            partitions.forEach(consumer::position);
            assigned.countDown();
            while (running) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                if (records.isEmpty()) {
                    continue;
                }
                synchronized (this) {
                    for (ConsumerRecord<String, byte[]> r : records) {
                        ids.add(sources.get(r.topic()).idOf(r.value()));
                        perTopic.merge(r.topic(), 1, Integer::sum);
                        if (count == arrivals.length) {
                            arrivals = Arrays.copyOf(arrivals, count * 2);
                        }
                        arrivals[count++] = now;
                    }
                    notifyAll();
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                failure = e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
            assigned.countDown();
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Waits until at least {@code n} records arrived; false when the timeout passed first. */
    synchronized boolean awaitCount(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count < n && failure == null && poller.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        rethrow();
        return count >= n;
    }

    /** Waits until nothing new arrived for {@code quiet}: a late duplicate would show now. */
    void awaitQuiet(Duration quiet) throws InterruptedException {
        int seen = -1;
        while (seen != count()) {
            seen = count();
            Thread.sleep(quiet.toMillis());
        }
        rethrow();
    }

    synchronized int count() {
        return count;
    }

    synchronized int distinct() {
        return ids.size();
    }

    synchronized int count(Topic<?, ?> topic) {
        return perTopic.getOrDefault(topic.name(), 0);
    }

    /** The first {@code n} arrivals, timed from {@code startNanos}. */
    synchronized Timeline timeline(long startNanos, int n) {
        return new Timeline(startNanos, Arrays.copyOf(arrivals, Math.min(n, count)));
    }

    private void rethrow() {
        if (failure != null) {
            throw new IllegalStateException("the counting consumer failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
