package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.schemas.AvroSerde;
import dev.switchboard.schemas.Topic;
import dev.switchboard.schemas.Topics;
import dev.switchboard.testkit.KafkaCluster;
import dev.switchboard.testkit.KafkaExtension;
import dev.switchboard.testkit.SampleEvents;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class EventRoundTripIT {

    @Test
    void everyEventTypeCrossesTheBrokerUnchanged(KafkaCluster kafka) {
        // given a fresh namespace of Switchboard topics
        Topics topics = kafka.newTopics();

        for (SpecificRecord event : SampleEvents.all()) {
            Topic<String, SpecificRecord> topic = topicFor(topics, event);

            // when the event is produced with the topic's serde
            kafka.send(topic, KafkaCluster.ProducerRecordSpec.record("key-1", event));

            // then a consumer with the same serde reads it back equal
            var records = kafka.read(topic, 1, Duration.ofSeconds(20));
            assertThat(records).as(topic.name()).hasSize(1);
            ConsumerRecord<String, SpecificRecord> record = records.get(0);
            assertThat(record.key()).isEqualTo("key-1");
            assertThat(record.value()).isEqualTo(event);
        }
    }

    @SuppressWarnings("unchecked")
    private static Topic<String, SpecificRecord> topicFor(Topics topics, SpecificRecord event) {
        return (Topic<String, SpecificRecord>) topics.all().stream()
                .filter(t -> ((AvroSerde<?>) t.valueSerde()).type() == event.getClass())
                .findFirst()
                .orElseThrow();
    }
}
