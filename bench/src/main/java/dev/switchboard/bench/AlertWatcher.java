package dev.switchboard.bench;

import dev.switchboard.events.SlaAlert;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * When each SLA alert of a namespace became visible to a {@code read_committed} consumer, i.e. to
 * ops: a thread reads the alerts topic from the beginning and notes the wall-clock time each poll
 * returned. Under exactly-once an alert is visible only once its transaction commits, so the
 * arrival includes the monitor's commit interval.
 */
final class AlertWatcher implements AutoCloseable {
    /** An alert as it arrived. */
    record Arrival(String ticketId, String alertId, Instant dueAt, Instant firedAt, long arrivedAtMillis) {}

    private final KafkaConsumer<String, SlaAlert> consumer;
    private final Thread thread;
    private final List<Arrival> arrivals = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean running = true;

    AlertWatcher(KafkaSettings kafka) {
        Topic<String, SlaAlert> topic = kafka.topics().slaAlerts();
        consumer = new KafkaConsumer<>(
                ClientProperties.consumer(kafka, null),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "alert-watcher-" + kafka.topicPrefix());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, SlaAlert> records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                if (records.isEmpty()) {
                    continue;
                }
                List<Arrival> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<String, SlaAlert> r : records) {
                    SlaAlert a = r.value();
                    batch.add(new Arrival(a.getTicketId(), a.getAlertId(), a.getDueAt(), a.getFiredAt(), now));
                }
                synchronized (arrivals) {
                    arrivals.addAll(batch);
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } catch (RuntimeException e) {
            failure.set(e);
        } finally {
            consumer.close();
        }
    }

    /** The alerts that arrived so far. */
    List<Arrival> arrivals() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw new IllegalStateException("the alert watcher stopped: " + e.getMessage(), e);
        }
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    int count() {
        synchronized (arrivals) {
            return arrivals.size();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
