package dev.switchboard.router.topology;

import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bad input goes to {@code support.inbound.dead-letter} as a {@link DeadLetter} with its original
 * bytes, and the router goes on (KIP-1034: the handlers return the dead-letter records, which
 * Kafka Streams writes in the same transaction as the task's output, and resume).
 */
public final class DeadLetters {
    /** Streams config key for the dead-letter topic name (with the deployment's prefix). */
    public static final String TOPIC_CONFIG = "switchboard.dead-letter.topic";

    static final String SERVICE = "router";
    static final int MAX_PAYLOAD = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {}

    static ProducerRecord<byte[], byte[]> deadLetter(
            String deadLetterTopic,
            ErrorHandlerContext context,
            byte[] key,
            byte[] payload,
            DeadLetterReason reason,
            String detail) {
        byte[] bytes = payload == null ? new byte[0] : payload;
        boolean truncated = bytes.length > MAX_PAYLOAD;
        Map<String, String> where = new LinkedHashMap<>();
        where.put("topic", context.topic());
        where.put("partition", Integer.toString(context.partition()));
        where.put("offset", Long.toString(context.offset()));
        where.put("processor", String.valueOf(context.processorNodeId()));
        if (key != null) {
            where.put("key", new String(key, StandardCharsets.UTF_8));
        }
        DeadLetter letter = DeadLetter.newBuilder()
                .setService(SERVICE)
                .setSourceId(context.topic())
                .setReason(reason)
                .setDetail(detail)
                .setPayload(ByteBuffer.wrap(truncated ? Arrays.copyOf(bytes, MAX_PAYLOAD) : bytes))
                .setOriginalSize(bytes.length)
                .setTruncated(truncated)
                .setOccurredAt(Clock.systemUTC().instant())
                .setContext(where)
                .build();
        return new ProducerRecord<>(
                deadLetterTopic,
                context.topic().getBytes(StandardCharsets.UTF_8),
                Topics.DEAD_LETTER_SERDE.encode(letter));
    }

    static String topic(Map<String, ?> configs) {
        Object topic = configs.get(TOPIC_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new ConfigException(TOPIC_CONFIG + " must name the dead-letter topic");
        }
        return topic.toString();
    }

    /** Records that do not decode: reason UNDECODABLE_RECORD. */
    public static final class OnUndecodable implements DeserializationExceptionHandler {
        private String topic;

        @Override
        public void configure(Map<String, ?> configs) {
            topic = DeadLetters.topic(configs);
        }

        @Override
        public Response handleError(
                ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            log.warn(
                    "Undecodable record on {} partition {} offset {} ({} bytes) goes to {}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    record.value() == null ? 0 : record.value().length,
                    topic,
                    exception.getMessage());
            return Response.resume(List.of(deadLetter(
                    topic,
                    context,
                    record.key(),
                    record.value(),
                    DeadLetterReason.UNDECODABLE_RECORD,
                    String.valueOf(exception.getMessage()))));
        }
    }

    /** A processor failed on a record: reason PROCESSING_ERROR, the source record's bytes kept. */
    public static final class OnProcessingError implements ProcessingExceptionHandler {
        private String topic;

        @Override
        public void configure(Map<String, ?> configs) {
            topic = DeadLetters.topic(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            log.error(
                    "Processing failed in {} for the record at {} partition {} offset {}; it goes to {}",
                    context.processorNodeId(),
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    topic,
                    exception);
            return Response.resume(List.of(deadLetter(
                    topic,
                    context,
                    context.sourceRawKey(),
                    context.sourceRawValue(),
                    DeadLetterReason.PROCESSING_ERROR,
                    exception.getClass().getSimpleName() + ": " + exception.getMessage())));
        }
    }
}
