package dev.switchboard.app;

import dev.switchboard.config.ConfigException;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.kafka.TopicAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Option;

/** The options every service command takes: its configuration file and the Kafka servers. */
final class ServiceOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "The service's YAML configuration (see docs/).")
    Path config;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (overrides $SWITCHBOARD_KAFKA_BOOTSTRAP_SERVERS and the file).")
    String bootstrapServers;

    /** The configuration file; a service cannot start without one. */
    Path config(String example) {
        if (config == null) {
            throw new ConfigException("--config FILE is required (e.g. " + example + ")");
        }
        return config;
    }

    /** Creates whatever Switchboard topics are missing, so a first start on a fresh cluster works. */
    static void ensureTopics(KafkaSettings kafka) {
        try (Admin admin = Admin.create(ClientProperties.base(kafka))) {
            TopicAdmin.createTopics(admin, kafka.topics(), Optional.empty(), Duration.ofSeconds(30));
        } catch (IllegalStateException | KafkaException e) {
            throw new CommandFailedException(
                    "cannot reach Kafka at " + kafka.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    /** The file's Kafka settings with the environment's and the command line's on top. */
    KafkaSettings kafka(KafkaSettings fromFile) {
        return fromFile.resolve(System.getenv(), bootstrapServers);
    }
}
