package dev.switchboard.testkit;

import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.kafka.TopicAdmin;
import dev.switchboard.schemas.Topic;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A real Kafka cluster for integration tests, shared by every test class of a JVM.
 *
 * <p>Test classes share it safely by working in their own topic namespace: {@link #newTopics()}
 * gives each caller fresh, created topics under a unique prefix.
 */
public abstract class KafkaCluster implements AutoCloseable {
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private Admin admin;

    public abstract String bootstrapServers();

    /** Kafka settings for a service under test, in the given topic namespace. */
    public KafkaSettings settings(Topics topics) {
        return KafkaSettings.defaults().withBootstrapServers(bootstrapServers()).withTopicPrefix(topics.prefix());
    }

    /** Creates every Switchboard topic under a new unique prefix and returns them. */
    public Topics newTopics() {
        Topics topics = Topics.withPrefix("t" + NAMESPACES.incrementAndGet() + "-"
                + ProcessHandle.current().pid() + ".");
        TopicAdmin.createTopics(admin(), topics, Optional.empty(), Duration.ofSeconds(30));
        return topics;
    }

    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(
                    ClientProperties.base(KafkaSettings.defaults().withBootstrapServers(bootstrapServers())));
        }
        return admin;
    }

    /** Sends records and waits for the broker's acknowledgement. */
    @SafeVarargs
    public final <V> void send(Topic<String, V> topic, ProducerRecordSpec<V>... records) {
        Properties p = ClientProperties.producer(KafkaSettings.defaults().withBootstrapServers(bootstrapServers()));
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(
                p, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (ProducerRecordSpec<V> r : records) {
                producer.send(new ProducerRecord<>(topic.name(), null, r.timestamp(), r.key(), r.value()))
                        .get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot send to " + topic.name(), e.getCause());
        }
    }

    /** Sends raw bytes, for tests of undecodable input. */
    public void sendRaw(String topic, byte[] key, byte[] value) {
        Properties p = ClientProperties.producer(KafkaSettings.defaults().withBootstrapServers(bootstrapServers()));
        p.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot send to " + topic, e.getCause());
        }
    }

    /**
     * Reads the committed records of a topic from the beginning until {@code count} have arrived
     * or the timeout passes; returns what arrived.
     */
    public <V> List<ConsumerRecord<String, V>> read(Topic<String, V> topic, int count, Duration timeout) {
        Properties p =
                ClientProperties.consumer(KafkaSettings.defaults().withBootstrapServers(bootstrapServers()), null);
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                p, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    /** Reads everything on a topic until nothing new arrives for {@code quiet}. */
    public <V> List<ConsumerRecord<String, V>> readAll(Topic<String, V> topic, Duration quiet) {
        Properties p =
                ClientProperties.consumer(KafkaSettings.defaults().withBootstrapServers(bootstrapServers()), null);
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                p, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long quietUntil = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < quietUntil) {
                var records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    records.forEach(out::add);
                    quietUntil = System.nanoTime() + quiet.toNanos();
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /** A record to send: key, value and an optional timestamp. */
    public record ProducerRecordSpec<V>(String key, V value, Long timestamp) {
        public static <V> ProducerRecordSpec<V> record(String key, V value) {
            return new ProducerRecordSpec<>(key, value, null);
        }
    }
}
