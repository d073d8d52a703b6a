package dev.switchboard.app;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.ingest.email.EmailIngestConfig;
import dev.switchboard.ingest.email.MailboxIngestor;
import dev.switchboard.kafka.KafkaSettings;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    @Mixin
    ServiceOptions service;

    @Option(
            names = "--http-port",
            paramLabel = "P",
            defaultValue = "8084",
            description = "Port of /health and /metrics (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int httpPort;

    @Override
    public Integer call() throws InterruptedException {
        EmailIngestConfig file = ConfigLoader.fromEnvironment()
                .load(service.config("config/ingest-email.yaml"), EmailIngestConfig.class);
        KafkaSettings kafka = service.kafka(file.kafka());
        EmailIngestConfig resolved = file.withKafka(kafka);
        ServiceOptions.ensureTopics(kafka);
        UntilStopped running = new UntilStopped("ingest-email");
        var registry = ManagementServer.registry();
        MailboxIngestor ingestor = running.add(
                new MailboxIngestor(resolved, MailboxIngestor.Options.defaults().withRegistry(registry)));
        var http = running.add(ManagementServer.start(
                "ingest-email", httpPort, registry, Map.of("mailboxes", ingestor.healthCheck())));
        ingestor.start();
        System.err.println("ingest-email: " + resolved.mailboxes().size() + " mailbox folder(s) -> "
                + kafka.topics().inboundMessages().name() + " on " + kafka.bootstrapServers()
                + "; /health and /metrics on port " + http.port() + ". Ctrl-C stops it.");
        return running.await();
    }
}
