package dev.switchboard.router.config;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.kafka.KafkaSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The router's service file, {@code router.yaml}: the {@code kafka:} section, where the rules are
 * and where the assignment settings are. Both live in their own files ({@code rules: routing.yaml},
 * {@code assignment: assignment.yaml}, relative to this file) so the evaluation command and tests
 * load them without any Kafka settings. Without {@code assignment:} the defaults apply.
 *
 * <pre>
 * kafka:
 *   bootstrap-servers: localhost:9092
 * rules: routing.yaml
 * assignment: assignment.yaml
 * </pre>
 */
public record RouterConfig(KafkaSettings kafka, RoutingRules rules, AssignmentSettings assignment) {
    public RouterConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(assignment, "assignment");
    }

    /** With the default assignment settings. */
    public RouterConfig(KafkaSettings kafka, RoutingRules rules) {
        this(kafka, rules, AssignmentSettings.defaults());
    }

    /** The file as written. */
    public record File(KafkaSettings kafka, Path rules, Path assignment) {}

    public static RouterConfig load(ConfigLoader loader, Path file) {
        File raw = loader.load(file, File.class);
        KafkaSettings kafka = raw.kafka() == null ? KafkaSettings.defaults() : raw.kafka();
        if (raw.rules() == null) {
            throw new ConfigException(
                    file + ": rules: missing; expected the path of the routing rules, e.g. routing.yaml");
        }
        Path parent = file.toAbsolutePath().getParent();
        Path rulesFile = raw.rules().isAbsolute() ? raw.rules() : parent.resolve(raw.rules());
        AssignmentSettings assignment = raw.assignment() == null
                ? AssignmentSettings.defaults()
                : AssignmentSettings.load(
                        loader, raw.assignment().isAbsolute() ? raw.assignment() : parent.resolve(raw.assignment()));
        return new RouterConfig(kafka, RoutingRules.load(loader, rulesFile), assignment);
    }

    public RouterConfig withKafka(KafkaSettings settings) {
        return new RouterConfig(settings, rules, assignment);
    }

    public RouterConfig withAssignment(AssignmentSettings settings) {
        return new RouterConfig(kafka, rules, settings);
    }
}
