package dev.switchboard.app;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.http.WebServer;
import dev.switchboard.ingest.social.IngestSocialConfig;
import dev.switchboard.ingest.social.WebhookIngestor;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
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
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The service's YAML configuration.")
    Path config;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (overrides the file and $SWITCHBOARD_KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--port", paramLabel = "P", description = "HTTP port (overrides http.port; 0 = any free port).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        IngestSocialConfig settings = ConfigLoader.fromEnvironment().load(config, IngestSocialConfig.class);
        settings = settings.withKafka(settings.kafka().resolve(System.getenv(), bootstrapServers));
        if (port != null) {
            settings = settings.withPort(port);
        }
        WebhookIngestor ingestor;
        try {
            ingestor = WebhookIngestor.start(settings);
        } catch (WebServer.StartFailedException e) {
            throw new CommandFailedException(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            ingestor.close();
                            stopped.countDown();
                        },
                        "ingest-social-stop"));
        System.err.println("ingest-social listening on port " + ingestor.port() + " for " + ingestor.platforms()
                + "; Kafka at " + settings.kafka().bootstrapServers() + ". Ctrl-C stops it.");
        stopped.await();
        return 0;
    }
}
