package dev.switchboard.app.feed;

import dev.switchboard.events.Assignment;
import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.SlaAlert;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.feed.FeedFormatter;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topics;
import dev.switchboard.schemas.UndecodableRecordException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints what happens in the pipeline as it happens: one line per new ticket, escalation,
 * assignment, queue wait, SLA alert and dead letter (committed records only), formatted by
 * {@link FeedFormatter}. Starts at the end of each topic, so a restart shows only what is new.
 */
public final class LiveFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final Topics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final FeedFormatter formatter;
    private final PrintWriter out;
    private final Thread thread;

    public LiveFeed(KafkaSettings kafka, PrintWriter out, ZoneId zone) {
        this.topics = kafka.topics();
        this.out = out;
        this.formatter = new FeedFormatter(zone);
        this.consumer = new KafkaConsumer<>(
                ClientProperties.consumer(kafka, null), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "live-feed");
        this.thread.setDaemon(true);
    }

    public LiveFeed start() {
        List<String> names = List.of(
                topics.ticketEvents().name(),
                topics.assignments().name(),
                topics.slaAlerts().name(),
                topics.deadLetter().name());
        List<TopicPartition> partitions = names.stream()
                .flatMap(n -> consumer.partitionsFor(n, Duration.ofSeconds(30)).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    format(record).ifPresent(line -> {
                        out.println(line);
                        out.flush();
                    });
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private Optional<String> format(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        try {
            if (topic.equals(topics.ticketEvents().name())) {
                TicketEvent e =
                        topics.ticketEvents().valueSerde().deserializer().deserialize(topic, record.value());
                return e == null ? Optional.empty() : formatter.ticketEvent(e);
            }
            if (topic.equals(topics.assignments().name())) {
                Assignment a = topics.assignments().valueSerde().deserializer().deserialize(topic, record.value());
                return Optional.ofNullable(a).map(formatter::assignment);
            }
            if (topic.equals(topics.slaAlerts().name())) {
                SlaAlert a = topics.slaAlerts().valueSerde().deserializer().deserialize(topic, record.value());
                return Optional.ofNullable(a).map(formatter::slaAlert);
            }
            DeadLetter d = topics.deadLetter().valueSerde().deserializer().deserialize(topic, record.value());
            return Optional.ofNullable(d).map(formatter::deadLetter);
        } catch (UndecodableRecordException e) {
            log.warn(
                    "Live feed skips an undecodable record at {}-{}@{}: {}",
                    topic,
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
