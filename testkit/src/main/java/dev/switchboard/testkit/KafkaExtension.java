package dev.switchboard.testkit;

import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives tests a real Kafka cluster as a {@link KafkaCluster} parameter: one broker per test JVM,
 * started on first use and stopped when the JVM's tests are done.
 *
 * <p>Which broker: system property {@code switchboard.test.kafka} = {@code embedded} (Switchboard's
 * KRaft broker from the Kafka jars), {@code testcontainers} (the apache/kafka image), or
 * {@code auto} (default: Testcontainers when a Docker engine answers, else embedded).
 */
public final class KafkaExtension implements ParameterResolver {
    public static final String MODE_PROPERTY = "switchboard.test.kafka";
    private static final Logger log = LoggerFactory.getLogger(KafkaExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }

    /** The JVM's cluster, for code that is not a test method parameter (e.g. {@code @BeforeAll}). */
    public static KafkaCluster cluster(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent("cluster", k -> new ClusterResource(start()), ClusterResource.class)
                .cluster();
    }

    private static KafkaCluster start() {
        String mode = System.getProperty(MODE_PROPERTY, "auto").toLowerCase(Locale.ROOT);
        boolean containers = switch (mode) {
            case "embedded" -> false;
            case "testcontainers" -> true;
            case "auto" -> Docker.available();
            default ->
                throw new IllegalArgumentException(
                        MODE_PROPERTY + " must be embedded, testcontainers or auto, not " + mode);
        };
        log.info("Starting a {} Kafka broker for this test JVM", containers ? "Testcontainers" : "embedded KRaft");
        return containers ? new ContainerKafkaCluster() : new EmbeddedKafkaCluster();
    }

    private record ClusterResource(KafkaCluster cluster) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            cluster.close();
        }
    }
}
