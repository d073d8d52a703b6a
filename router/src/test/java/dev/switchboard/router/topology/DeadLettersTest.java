package dev.switchboard.router.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** A processor failure becomes a dead letter with the source record's bytes; the router resumes. */
class DeadLettersTest {

    private static ErrorHandlerContext context(byte[] rawValue) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return "support.inbound.messages";
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
                return "tickets";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(1, 2);
            }

            @Override
            public long timestamp() {
                return 0;
            }

            @Override
            public byte[] sourceRawKey() {
                return "conv-1".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] sourceRawValue() {
                return rawValue;
            }
        };
    }

    @Test
    void aProcessingErrorBecomesADeadLetterAndProcessingResumes() {
        DeadLetters.OnProcessingError handler = new DeadLetters.OnProcessingError();
        handler.configure(Map.of(DeadLetters.TOPIC_CONFIG, "p.support.inbound.dead-letter"));
        byte[] raw = {1, 2, 3};

        var response = handler.handleError(
                context(raw), new Record<>("conv-1", "value", 0L), new IllegalStateException("boom"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("p.support.inbound.dead-letter");
            DeadLetter letter = Topics.DEAD_LETTER_SERDE.decode(r.topic(), r.value());
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
            assertThat(letter.getPayload()).isEqualTo(ByteBuffer.wrap(raw));
            assertThat(letter.getDetail()).isEqualTo("IllegalStateException: boom");
            assertThat(letter.getContext())
                    .containsEntry("partition", "2")
                    .containsEntry("offset", "41")
                    .containsEntry("processor", "tickets")
                    .containsEntry("key", "conv-1");
        });
    }

    @Test
    void largePayloadsAreCutAndSaySo() {
        byte[] big = new byte[DeadLetters.MAX_PAYLOAD + 10];
        var record =
                DeadLetters.deadLetter("dlq", context(big), null, big, DeadLetterReason.UNDECODABLE_RECORD, "too big");
        DeadLetter letter = Topics.DEAD_LETTER_SERDE.decode("dlq", record.value());
        assertThat(letter.getTruncated()).isTrue();
        assertThat(letter.getOriginalSize()).isEqualTo(big.length);
        assertThat(letter.getPayload().remaining()).isEqualTo(DeadLetters.MAX_PAYLOAD);
    }

    @Test
    void theHandlerNeedsTheTopicName() {
        assertThatThrownBy(() -> new DeadLetters.OnUndecodable().configure(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(DeadLetters.TOPIC_CONFIG);
    }
}
