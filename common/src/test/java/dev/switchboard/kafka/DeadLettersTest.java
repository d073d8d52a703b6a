package dev.switchboard.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The processing-failure path, which no well-formed event reaches in the topology tests. */
class DeadLettersTest {
    private static final Map<String, Object> CONFIG = Map.of(
            DeadLetters.TOPIC_CONFIG, "shop.support.inbound.dead-letter", DeadLetters.SERVICE_CONFIG, "sla-monitor");

    /** Where Kafka Streams says the failing record came from. */
    private record Context(byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {
        @Override
        public String topic() {
            return "shop.support.tickets.events";
        }

        @Override
        public int partition() {
            return 2;
        }

        @Override
        public long offset() {
            return 41;
        }

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "sla-clocks";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, 2);
        }

        @Override
        public long timestamp() {
            return 0;
        }
    }

    @Test
    void anEventWhoseProcessingFailedBecomesADeadLetterWithItsBytes() {
        DeadLetters.Failed handler = new DeadLetters.Failed();
        handler.configure(CONFIG);
        byte[] raw = {(byte) 0xC3, 0x01, 1, 2, 3};

        ProcessingExceptionHandler.Response response = handler.handleError(
                new Context("SB-1".getBytes(StandardCharsets.UTF_8), raw),
                new Record<>("SB-1", "event", 0L),
                new IllegalStateException("calendar exploded"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("shop.support.inbound.dead-letter");
            DeadLetter letter = Topics.DEAD_LETTER_SERDE.decode(r.topic(), r.value());
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
            assertThat(letter.getService()).isEqualTo("sla-monitor");
            assertThat(letter.getDetail()).isEqualTo("calendar exploded");
            assertThat(letter.getPayload().array()).isEqualTo(raw);
            assertThat(letter.getContext())
                    .containsEntry("topic", "shop.support.tickets.events")
                    .containsEntry("partition", "2")
                    .containsEntry("offset", "41")
                    .containsEntry("key", "SB-1");
        });
    }

    @Test
    void aFailureOutsideAnInputRecordStopsTheApplication() {
        DeadLetters.Failed handler = new DeadLetters.Failed();
        handler.configure(CONFIG);

        ProcessingExceptionHandler.Response response = handler.handleError(
                new Context(null, null), new Record<>("SB-1", "x", 0L), new IllegalStateException("boom"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void largePayloadsAreCutAndSaySo() {
        DeadLetters.Undecodable handler = new DeadLetters.Undecodable();
        handler.configure(CONFIG);
        byte[] huge = new byte[DeadLetters.MAX_PAYLOAD + 10];

        var response = handler.handleError(
                new Context(null, huge),
                new org.apache.kafka.clients.consumer.ConsumerRecord<>(
                        "shop.support.tickets.events", 0, 7L, null, huge),
                new IllegalArgumentException("too odd"));

        ProducerRecord<byte[], byte[]> record =
                response.deadLetterQueueRecords().get(0);
        DeadLetter letter = Topics.DEAD_LETTER_SERDE.decode(record.topic(), record.value());
        assertThat(letter.getTruncated()).isTrue();
        assertThat(letter.getOriginalSize()).isEqualTo(huge.length);
        assertThat(letter.getPayload().remaining()).isEqualTo(DeadLetters.MAX_PAYLOAD);
    }
}
