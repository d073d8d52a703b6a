package dev.switchboard.ingest.social;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class EventPublisherTest {

    @Test
    void sendsAtOnceAndInOrderUnlessTheConfigurationSaysOtherwise() {
        KafkaSettings defaults = new KafkaSettings("localhost:9092", "", Optional.empty(), Map.of());
        assertThat(EventPublisher.producerProperties(defaults, Duration.ofSeconds(10)))
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0)
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);

        KafkaSettings tuned =
                new KafkaSettings("localhost:9092", "", Optional.empty(), Map.of(ProducerConfig.LINGER_MS_CONFIG, "5"));
        assertThat(EventPublisher.producerProperties(tuned, Duration.ofSeconds(10)))
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5");
    }

    @Test
    void settlesEveryRecordWithinTheAckTimeout() {
        KafkaSettings kafka = new KafkaSettings("localhost:9092", "", Optional.empty(), Map.of());
        assertThat(EventPublisher.producerProperties(kafka, Duration.ofSeconds(4)))
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4000)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 4000L)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
    }
}
