package dev.switchboard.kafka;

import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input a Kafka Streams application cannot use goes to the dead-letter topic as a
 * {@link DeadLetter} with its original bytes, and the application keeps running. The handlers
 * return Kafka Streams' dead-letter records (KIP-1034), so a dead letter commits together with
 * the input's offset. Every Switchboard Streams application installs them with
 * {@link #install(Properties, Topics, String)}.
 */
public final class DeadLetters {
    /** Streams property: the dead-letter topic's full name. */
    public static final String TOPIC_CONFIG = "switchboard.dead-letter.topic";
    /** Streams property: the service named on the dead letters. */
    public static final String SERVICE_CONFIG = "switchboard.dead-letter.service";
    /** Larger payloads are cut, so the dead letter itself fits in a Kafka record. */
    public static final int MAX_PAYLOAD = 512 * 1024;

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final String topic;
    private final String service;

    /** Sets the handlers, the dead-letter topic and the service name in a Streams configuration. */
    public static void install(Properties streams, Topics topics, String service) {
        streams.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Undecodable.class);
        streams.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, Failed.class);
        // Global stores (the router's ticket index) get the same handling; Kafka 5 makes it the default.
        streams.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        streams.put(TOPIC_CONFIG, topics.deadLetter().name());
        streams.put(SERVICE_CONFIG, service);
    }

    private DeadLetters(Map<String, ?> configs) {
        Object t = configs.get(TOPIC_CONFIG);
        if (t == null) {
            throw new IllegalStateException(TOPIC_CONFIG + " is not set: dead letters need a topic");
        }
        this.topic = t.toString();
        Object s = configs.get(SERVICE_CONFIG);
        this.service = s == null ? "unknown" : s.toString();
    }

    /** Records that do not decode (not Avro, an unknown schema, corrupt bytes). */
    public static final class Undecodable implements DeserializationExceptionHandler {
        private DeadLetters letters;

        @Override
        public void configure(Map<String, ?> configs) {
            letters = new DeadLetters(configs);
        }

        @Override
        public Response handleError(
                ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            return Response.resume(letters.letter(
                    DeadLetterReason.UNDECODABLE_RECORD,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    record.key(),
                    record.value(),
                    exception));
        }
    }

    /**
     * Events whose processing failed. A failure in the wall-clock check has no input record to
     * dead-letter, so it stops the application (the processor already isolates each ticket there).
     */
    public static final class Failed implements ProcessingExceptionHandler {
        private DeadLetters letters;

        @Override
        public void configure(Map<String, ?> configs) {
            letters = new DeadLetters(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            if (context.sourceRawValue() == null) {
                log.error("Processing failed outside an input record (node {})", context.processorNodeId(), exception);
                return Response.fail();
            }
            log.error(
                    "Processing an event at {}-{}@{} failed",
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    exception);
            return Response.resume(letters.letter(
                    DeadLetterReason.PROCESSING_ERROR,
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    context.sourceRawKey(),
                    context.sourceRawValue(),
                    exception));
        }
    }

    private List<ProducerRecord<byte[], byte[]>> letter(
            DeadLetterReason reason,
            String sourceTopic,
            int partition,
            long offset,
            byte[] key,
            byte[] value,
            Exception exception) {
        byte[] raw = value == null ? new byte[0] : value;
        int kept = Math.min(raw.length, MAX_PAYLOAD);
        String detail = exception.getMessage() == null ? exception.toString() : exception.getMessage();
        log.warn(
                "{}: record {}-{}@{} ({} bytes) goes to {}: {}",
                service,
                sourceTopic,
                partition,
                offset,
                raw.length,
                topic,
                detail);
        Map<String, String> where = new HashMap<>();
        where.put("topic", sourceTopic);
        where.put("partition", Integer.toString(partition));
        where.put("offset", Long.toString(offset));
        if (key != null) {
            where.put("key", new String(key, StandardCharsets.UTF_8));
        }
        DeadLetter letter = DeadLetter.newBuilder()
                .setService(service)
                .setSourceId(sourceTopic)
                .setReason(reason)
                .setDetail(detail)
                .setPayload(ByteBuffer.wrap(raw, 0, kept))
                .setOriginalSize(raw.length)
                .setTruncated(kept < raw.length)
                .setOccurredAt(Instant.now())
                .setContext(where)
                .build();
        byte[] letterKey = sourceTopic.getBytes(StandardCharsets.UTF_8);
        return List.of(new ProducerRecord<>(topic, letterKey, Topics.DEAD_LETTER_SERDE.encode(letter)));
    }
}
