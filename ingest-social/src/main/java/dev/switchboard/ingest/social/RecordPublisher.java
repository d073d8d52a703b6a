package dev.switchboard.ingest.social;

import dev.switchboard.schemas.Topic;
import java.util.List;

/**
 * Where the records of one webhook request go before it is answered. In the service that is
 * Kafka ({@link EventPublisher}): a request is answered 200 only once every record is
 * acknowledged. {@code switchboard bench webhook} passes one that acknowledges at once, so the
 * same server without Kafka is its baseline and the ratio is what Kafka costs.
 */
public interface RecordPublisher extends AutoCloseable {
    /** One record to write, already serialized with its topic's serdes. */
    record Outgoing(String topic, byte[] key, byte[] value) {
        static <V> Outgoing of(Topic<String, V> topic, String key, V value) {
            return new Outgoing(
                    topic.name(),
                    topic.keySerde().serializer().serialize(topic.name(), key),
                    topic.valueSerde().serializer().serialize(topic.name(), value));
        }
    }

    /** What Kafka said about a request's records. */
    sealed interface Result {
        record Acknowledged(int count) implements Result {}

        /** At least one record was not acknowledged; {@code reason} is for logs, never for the caller. */
        record Failed(int acknowledged, int total, String reason) implements Result {}
    }

    /** Writes every record; returns once each is acknowledged or failed. */
    Result publish(List<Outgoing> records);

    @Override
    void close();
}
