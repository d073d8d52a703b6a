package dev.switchboard.ingest.email;

import dev.switchboard.events.MailboxCheckpoint;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topic;
import dev.switchboard.schemas.UndecodableRecordException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the latest committed checkpoint of a mailbox folder from the compacted checkpoints
 * topic. Call it after the transactional producer's {@code initTransactions()}: that fences any
 * older instance and finishes its open transaction, so what is read here is final.
 */
final class CheckpointStore {
    private static final Logger log = LoggerFactory.getLogger(CheckpointStore.class);

    private CheckpointStore() {}

    static Optional<MailboxCheckpoint> latest(
            KafkaSettings kafka, Topic<String, MailboxCheckpoint> topic, String key, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                ClientProperties.consumer(kafka, null), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic.name() + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            MailboxCheckpoint latest = null;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading " + topic.name() + " took longer than " + timeout);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (!key.equals(r.key())) {
                        continue;
                    }
                    if (r.value() == null) {
                        latest = null; // a tombstone: the checkpoint was reset on purpose
                        continue;
                    }
                    try {
                        latest = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    } catch (UndecodableRecordException e) {
                        log.warn("Skipping an undecodable checkpoint at offset {}: {}", r.offset(), e.getMessage());
                    }
                }
            }
            return Optional.ofNullable(latest);
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
