package dev.switchboard.app;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.ingest.email.EmailIngestConfig;
import dev.switchboard.ingest.email.MailboxIngestor;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.kafka.TopicAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard ingest-email --config FILE}: ingests the configured mailboxes until stopped
 * (Ctrl-C, SIGTERM). Creates Switchboard's topics that are missing, so the checkpoints topic is
 * compacted from the start.
 */
@Command(
        name = "ingest-email",
        mixinStandardHelpOptions = true,
        description = "Turn support mailboxes (IMAP) into InboundMessage events on Kafka, exactly once.")
final class IngestEmailCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The ingest-email YAML file.")
    Path config;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (overrides the file and $SWITCHBOARD_KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(
            names = "--http-port",
            paramLabel = "P",
            defaultValue = "8084",
            description = "Port of /health and /metrics (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int httpPort;

    @Override
    public Integer call() throws InterruptedException {
        EmailIngestConfig file = ConfigLoader.fromEnvironment().load(config, EmailIngestConfig.class);
        KafkaSettings kafka = file.kafka().resolve(System.getenv(), bootstrapServers);
        EmailIngestConfig resolved = file.withKafka(kafka);
        try (Admin admin = Admin.create(ClientProperties.base(kafka))) {
            TopicAdmin.createTopics(admin, kafka.topics(), Optional.empty(), Duration.ofSeconds(30));
        } catch (IllegalStateException | KafkaException e) {
            throw new CommandFailedException(
                    "cannot reach Kafka at " + kafka.bootstrapServers() + ": " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        var registry = ManagementServer.registry();
        MailboxIngestor ingestor =
                new MailboxIngestor(resolved, MailboxIngestor.Options.defaults().withRegistry(registry));
        var http =
                ManagementServer.start("ingest-email", httpPort, registry, Map.of("mailboxes", ingestor.healthCheck()));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            ingestor.close();
                            http.close();
                            stopped.countDown();
                        },
                        "ingest-email-stop"));
        ingestor.start();
        System.err.println("ingest-email: " + resolved.mailboxes().size() + " mailbox folder(s) -> "
                + kafka.topics().inboundMessages().name() + " on " + kafka.bootstrapServers()
                + "; /health and /metrics on port " + http.port() + ". Ctrl-C stops it.");
        stopped.await();
        return 0;
    }
}
