package dev.switchboard.bench;

import dev.switchboard.config.DataSize;
import dev.switchboard.http.WebServer;
import dev.switchboard.ingest.social.Platform;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

/**
 * How fast is Switchboard's HTTP server when a webhook costs nothing? The webhook benchmark's
 * baseline: the same {@link WebServer} (Javalin on Jetty, same thread pool, body limit, request
 * metrics and error handling) with POST routes at the webhook paths that read the whole body and
 * answer 200 with a small JSON body, without checking the signature, parsing or writing to Kafka.
 */
final class PlainWebhookServer {
    private static final Map<String, Object> ACCEPTED = Map.of("status", "accepted");

    private PlainWebhookServer() {}

    static WebServer start(DataSize maxBodySize) {
        WebServer.Builder http = WebServer.builder("bench-baseline")
                .host("127.0.0.1")
                .port(0)
                .maxBodySize(maxBodySize)
                .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        for (Platform platform : new Platform[] {Platform.META, Platform.WHATSAPP}) {
            http.post(platform.path(), ctx -> {
                ctx.bodyAsBytes();
                WebServer.json(ctx, 200, ACCEPTED);
            });
        }
        return http.start();
    }
}
