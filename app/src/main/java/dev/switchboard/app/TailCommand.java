package dev.switchboard.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.Durations;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.AvroJson;
import dev.switchboard.schemas.Topic;
import dev.switchboard.schemas.Topics;
import dev.switchboard.schemas.UndecodableRecordException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code switchboard tail TOPIC}: each record of a Switchboard topic as one JSON line
 * {@code {"topic","partition","offset","timestamp","key","value"}}, committed records only.
 * A record that does not decode is printed with {@code "value": null}, an {@code "error"} and
 * its bytes in base64, never skipped.
 */
@Command(
        name = "tail",
        mixinStandardHelpOptions = true,
        description = "Print the records of a Switchboard topic as JSON lines.")
final class TailCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "TOPIC",
            description = "A Switchboard topic, e.g. support.sla.alerts (with its prefix, if any).")
    String topicName;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest.")
    boolean fromBeginning;

    @Option(names = "--max", description = "Exit after printing N records.")
    Integer max;

    @Option(names = "--idle-timeout", description = "Exit when nothing arrives for this long, e.g. 10s, 2m.")
    String idleTimeout;

    @Option(
            names = "--bootstrap-servers",
            description = "Kafka bootstrap servers (default: $SWITCHBOARD_KAFKA_BOOTSTRAP_SERVERS or localhost:9092).")
    String bootstrapServers;

    @Override
    public Integer call() {
        Topic<String, ?> topic = resolve(topicName)
                .orElseThrow(() -> new CommandFailedException(topicName + " is not a Switchboard topic; known topics: "
                        + String.join(
                                ", ",
                                Topics.DEFAULT.all().stream().map(Topic::name).toList())));
        Optional<Duration> idle = Optional.ofNullable(idleTimeout).map(Durations::parse);
        KafkaSettings kafka = KafkaSettings.defaults().resolve(System.getenv(), bootstrapServers);
        PrintWriter out = spec.commandLine().getOut();

        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                ClientProperties.consumer(kafka, null), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Runtime.getRuntime().addShutdownHook(new Thread(consumer::wakeup, "tail-stop"));
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new CommandFailedException(
                        "topic " + topic.name() + " does not exist on " + kafka.bootstrapServers());
            }
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
            }
            int printed = 0;
            long lastArrival = System.nanoTime();
            while (max == null || printed < max) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    if (idle.isPresent()
                            && System.nanoTime() - lastArrival > idle.get().toNanos()) {
                        break;
                    }
                    continue;
                }
                lastArrival = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    out.println(line(topic, record));
                    out.flush();
                    if (max != null && ++printed >= max) {
                        break;
                    }
                }
            }
        } catch (WakeupException e) {
            return 0;
        }
        return 0;
    }

    private static String line(Topic<String, ?> topic, ConsumerRecord<byte[], byte[]> record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("topic", record.topic());
        node.put("partition", record.partition());
        node.put("offset", record.offset());
        node.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        node.put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        try {
            Object value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
            node.set("value", AvroJson.toJson(value));
        } catch (UndecodableRecordException e) {
            node.putNull("value");
            node.put("error", e.getMessage());
            node.put("valueBase64", Base64.getEncoder().encodeToString(e.rawBytes()));
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Finds the topic by full name; the prefix is whatever stands before a known topic name. */
    static Optional<Topic<String, ?>> resolve(String name) {
        return Topics.DEFAULT.all().stream()
                .filter(t -> name.endsWith(t.name()))
                .findFirst()
                .flatMap(t -> Topics.withPrefix(
                                name.substring(0, name.length() - t.name().length()))
                        .byName(name));
    }
}
