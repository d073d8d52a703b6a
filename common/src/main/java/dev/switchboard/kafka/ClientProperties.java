package dev.switchboard.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The one place Kafka client properties are built. Services add only what differs, each with
 * its reason.
 */
public final class ClientProperties {
    private ClientProperties() {}

    /** Bootstrap servers and the file's extra client properties. */
    public static Properties base(KafkaSettings kafka) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.putAll(kafka.properties());
        return p;
    }

    /**
     * A Kafka Streams application: exactly-once v2, explicit internal names, state under the
     * configured state dir.
     */
    public static Properties streams(KafkaSettings kafka, String applicationId) {
        Properties p = base(kafka);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, kafka.topicPrefix() + applicationId);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // A refactor must never silently orphan a store or a repartition topic.
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(
                StreamsConfig.STATE_DIR_CONFIG,
                kafka.stateDir()
                        .orElse(Path.of(System.getProperty("java.io.tmpdir"), "switchboard-streams"))
                        .toString());
        // The embedded broker and small clusters may have fewer than three brokers.
        p.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        applyOverrides(p, kafka.properties());
        return p;
    }

    /** An idempotent producer that waits for every in-sync replica: nothing acknowledged is lost. */
    public static Properties producer(KafkaSettings kafka) {
        Properties p = base(kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        applyOverrides(p, kafka.properties());
        return p;
    }

    /** A transactional producer, for writers that commit events and checkpoints together. */
    public static Properties transactionalProducer(KafkaSettings kafka, String transactionalId) {
        Properties p = producer(kafka);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.topicPrefix() + transactionalId);
        return p;
    }

    /** A consumer that reads committed records only. */
    public static Properties consumer(KafkaSettings kafka, String groupId) {
        Properties p = base(kafka);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.topicPrefix() + groupId);
        }
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        applyOverrides(p, kafka.properties());
        return p;
    }

    private static void applyOverrides(Properties p, Map<String, String> overrides) {
        // The file's explicit settings win over our defaults.
        p.putAll(overrides);
    }
}
