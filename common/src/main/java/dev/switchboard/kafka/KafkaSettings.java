package dev.switchboard.kafka;

import dev.switchboard.schemas.Topics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code kafka:} section every service configuration shares.
 *
 * <pre>
 * kafka:
 *   bootstrap-servers: localhost:9092
 *   topic-prefix: ""            # put every Switchboard topic under a prefix, e.g. "shop-a."
 *   state-dir: /var/lib/switchboard   # Kafka Streams state (router, sla-monitor)
 *   properties:                 # any Kafka client setting, e.g. security for a managed cluster
 *     security.protocol: SASL_SSL
 * </pre>
 *
 * Precedence, highest first: {@code --bootstrap-servers}, the environment
 * ({@code SWITCHBOARD_KAFKA_BOOTSTRAP_SERVERS}, and {@code SWITCHBOARD_KAFKA_<PROPERTY>} where
 * {@code SASL_JAAS_CONFIG} stands for {@code sasl.jaas.config}), then the file.
 */
public record KafkaSettings(
        String bootstrapServers, String topicPrefix, Optional<Path> stateDir, Map<String, String> properties) {
    public static final String ENV_PREFIX = "SWITCHBOARD_KAFKA_";

    public KafkaSettings {
        bootstrapServers = bootstrapServers == null || bootstrapServers.isBlank() ? "localhost:9092" : bootstrapServers;
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        stateDir = stateDir == null ? Optional.empty() : stateDir;
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public static KafkaSettings defaults() {
        return new KafkaSettings(null, null, null, null);
    }

    public Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }

    public KafkaSettings withBootstrapServers(String servers) {
        return servers == null || servers.isBlank()
                ? this
                : new KafkaSettings(servers, topicPrefix, stateDir, properties);
    }

    public KafkaSettings withStateDir(Path dir) {
        return new KafkaSettings(bootstrapServers, topicPrefix, Optional.of(dir), properties);
    }

    public KafkaSettings withTopicPrefix(String prefix) {
        return new KafkaSettings(bootstrapServers, prefix, stateDir, properties);
    }

    /** Applies {@code SWITCHBOARD_KAFKA_*} variables, then the command line's servers. */
    public KafkaSettings resolve(Map<String, String> env, String commandLineServers) {
        Map<String, String> props = new HashMap<>(properties);
        String servers = bootstrapServers;
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX)) {
                continue;
            }
            String name = e.getKey()
                    .substring(ENV_PREFIX.length())
                    .toLowerCase(Locale.ROOT)
                    .replace('_', '.');
            if (name.equals("bootstrap.servers")) {
                servers = e.getValue();
            } else if (name.equals("topic.prefix")) {
                continue;
            } else {
                props.put(name, e.getValue());
            }
        }
        String prefix = env.getOrDefault(ENV_PREFIX + "TOPIC_PREFIX", topicPrefix);
        return new KafkaSettings(servers, prefix, stateDir, props).withBootstrapServers(commandLineServers);
    }
}
