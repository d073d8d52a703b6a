package dev.switchboard.app;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.http.WebServer;
import dev.switchboard.ingest.social.IngestSocialConfig;
import dev.switchboard.ingest.social.WebhookIngestor;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code switchboard ingest-social}: the webhook receiver for Messenger, Instagram, WhatsApp, X and web forms. */
@Command(
        name = "ingest-social",
        mixinStandardHelpOptions = true,
        description = {
            "Receive Messenger, Instagram, WhatsApp, X and web-form webhooks and write each customer message"
                    + " to support.inbound.messages.",
            "Endpoints: POST/GET /webhooks/meta, /webhooks/whatsapp, /webhooks/x; POST /webhooks/web;"
                    + " GET /health, /metrics. See docs/ingest-social.md."
        })
final class IngestSocialCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service;

    @Option(names = "--port", paramLabel = "P", description = "HTTP port (overrides http.port; 0 = any free port).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        IngestSocialConfig settings = ConfigLoader.fromEnvironment()
                .load(service.config("config/ingest-social.yaml"), IngestSocialConfig.class);
        settings = settings.withKafka(service.kafka(settings.kafka()));
        if (port != null) {
            settings = settings.withPort(port);
        }
        UntilStopped running = new UntilStopped("ingest-social");
        WebhookIngestor ingestor;
        try {
            ingestor = running.add(WebhookIngestor.start(settings, Clock.systemUTC(), ManagementServer.registry()));
        } catch (WebServer.StartFailedException e) {
            throw new CommandFailedException(e.getMessage(), e);
        }
        System.err.println("ingest-social listening on port " + ingestor.port() + " for " + ingestor.platforms()
                + "; Kafka at " + settings.kafka().bootstrapServers() + ". Ctrl-C stops it.");
        return running.await();
    }
}
