package dev.switchboard.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void commandLineBeatsEnvironmentBeatsFile() {
        KafkaSettings file = new KafkaSettings("file:9092", "", Optional.empty(), Map.of("client.id", "from-file"));
        Map<String, String> env = Map.of(
                "SWITCHBOARD_KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                "SWITCHBOARD_KAFKA_SASL_JAAS_CONFIG", "secret-config",
                "SWITCHBOARD_KAFKA_TOPIC_PREFIX", "shop-a.");

        KafkaSettings fromEnv = file.resolve(env, null);
        assertThat(fromEnv.bootstrapServers()).isEqualTo("env:9092");
        assertThat(fromEnv.properties())
                .containsEntry("sasl.jaas.config", "secret-config")
                .containsEntry("client.id", "from-file");
        assertThat(fromEnv.topicPrefix()).isEqualTo("shop-a.");
        assertThat(fromEnv.topics().ticketEvents().name()).isEqualTo("shop-a.support.tickets.events");

        assertThat(file.resolve(env, "cli:9092").bootstrapServers()).isEqualTo("cli:9092");
    }

    @Test
    void streamsAppsRunExactlyOnceWithExplicitNames() {
        var props = ClientProperties.streams(KafkaSettings.defaults().withTopicPrefix("shop-a."), "router");

        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("shop-a.router");
        assertThat(props.get(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG))
                .isEqualTo(true);
    }
}
