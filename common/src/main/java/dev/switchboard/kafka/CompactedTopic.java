package dev.switchboard.kafka;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what a compacted topic holds now. */
public final class CompactedTopic {
    private CompactedTopic() {}

    /**
     * The keys that currently have a value (the last record for the key is not a tombstone),
     * reading committed records up to the end offsets at call time.
     *
     * @throws IllegalStateException when the topic does not exist
     */
    public static Set<String> liveKeys(KafkaSettings kafka, String topic) {
        Set<String> keys = new HashSet<>();
        try (var consumer = new KafkaConsumer<>(
                ClientProperties.consumer(kafka, null), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist on " + kafka.bootstrapServers());
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        keys.remove(record.key());
                    } else {
                        keys.add(record.key());
                    }
                }
            }
        }
        return keys;
    }
}
