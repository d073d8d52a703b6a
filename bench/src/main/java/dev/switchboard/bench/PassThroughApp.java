package dev.switchboard.bench;

import dev.switchboard.events.InboundMessage;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The baseline every router figure is divided by: a Kafka Streams application that reads the
 * inbound topic and writes each message unchanged to an output topic, with the router's serde
 * (each record decoded and encoded again), the same client settings and exactly_once_v2. What it
 * costs is what Kafka, the serde and EOS cost; what the router costs beyond it is ours.
 */
final class PassThroughApp implements AutoCloseable {
    static final String APPLICATION_ID = "bench-pass-through";

    private final KafkaStreams streams;
    private final String output;

    PassThroughApp(KafkaSettings kafka) {
        Topic<String, InboundMessage> inbound = kafka.topics().inboundMessages();
        this.output = kafka.topicPrefix() + "bench.pass-through";
        createLike(kafka, output);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inbound.name(), Consumed.with(inbound.keySerde(), inbound.valueSerde()))
                .to(output, Produced.with(inbound.keySerde(), inbound.valueSerde()));
        Topology topology = builder.build();
        Properties p = ClientProperties.streams(kafka, APPLICATION_ID);
        p.putAll(kafka.properties());
        this.streams = new KafkaStreams(topology, p);
    }

    /** The output topic, with as many partitions as the inbound topic. */
    String output() {
        return output;
    }

    void start() {
        streams.start();
    }

    boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    private static void createLike(KafkaSettings kafka, String name) {
        try (Admin admin = Admin.create(ClientProperties.base(kafka))) {
            int partitions = admin.describeTopics(
                            List.of(kafka.topics().inboundMessages().name()))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .values()
                    .iterator()
                    .next()
                    .partitions()
                    .size();
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) -1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "Cannot create " + name + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot create " + name + ": timed out", e);
        }
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
