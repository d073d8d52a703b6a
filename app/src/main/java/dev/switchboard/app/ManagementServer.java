package dev.switchboard.app;

import dev.switchboard.http.HealthCheck;
import dev.switchboard.http.StreamsHealth;
import dev.switchboard.http.WebServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code /health} and {@code /metrics} for the services that have no HTTP endpoints of their own
 * (router, sla-monitor, ingest-email), on their {@code --http-port}.
 */
final class ManagementServer {
    private ManagementServer() {}

    /** A Prometheus registry with the JVM's own metrics, which every service shares with its server. */
    static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return registry;
    }

    static WebServer start(
            String service, int port, PrometheusMeterRegistry registry, Map<String, HealthCheck> checks) {
        WebServer.Builder http = WebServer.builder(service).port(port).meterRegistry(registry);
        checks.forEach(http::healthCheck);
        try {
            return http.start();
        } catch (WebServer.StartFailedException e) {
            throw new CommandFailedException(e.getMessage(), e);
        }
    }

    static HealthCheck streams(Supplier<KafkaStreams.State> state) {
        return new StreamsHealth(state);
    }
}
