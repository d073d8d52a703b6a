package dev.switchboard.ingest.social;

import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic from the beginning to its current end. After a webhook was answered 200 its
 * records are acknowledged, so reading to the end offsets sees all of them, and only them: no
 * waiting for a quiet period.
 */
final class TopicReader {
    private TopicReader() {}

    static <V> List<ConsumerRecord<String, V>> readToEnd(String bootstrapServers, Topic<String, V> topic) {
        KafkaSettings kafka = KafkaSettings.defaults().withBootstrapServers(bootstrapServers);
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                ClientProperties.consumer(kafka, null),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic.name() + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
