package dev.switchboard.router.config;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.kafka.KafkaSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The router's service file, {@code router.yaml}: the {@code kafka:} section and where the rules
 * are. The rules live in their own file ({@code rules: routing.yaml}, relative to this file) so
 * the evaluation command and tests can load them without any Kafka settings, and part 2's agent
 * settings can sit beside them.
 *
 * <pre>
 * kafka:
 *   bootstrap-servers: localhost:9092
 * rules: routing.yaml
 * </pre>
 */
public record RouterConfig(KafkaSettings kafka, RoutingRules rules) {
    public RouterConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(rules, "rules");
    }

    /** The file as written. */
    public record File(KafkaSettings kafka, Path rules) {}

    public static RouterConfig load(ConfigLoader loader, Path file) {
        File raw = loader.load(file, File.class);
        KafkaSettings kafka = raw.kafka() == null ? KafkaSettings.defaults() : raw.kafka();
        if (raw.rules() == null) {
            throw new ConfigException(
                    file + ": rules: missing; expected the path of the routing rules, e.g. routing.yaml");
        }
        Path parent = file.toAbsolutePath().getParent();
        Path rulesFile = raw.rules().isAbsolute() ? raw.rules() : parent.resolve(raw.rules());
        return new RouterConfig(kafka, RoutingRules.load(loader, rulesFile));
    }

    public RouterConfig withKafka(KafkaSettings settings) {
        return new RouterConfig(settings, rules);
    }
}
