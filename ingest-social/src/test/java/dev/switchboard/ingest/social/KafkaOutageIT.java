package dev.switchboard.ingest.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.BrokerSettings;
import dev.switchboard.broker.EmbeddedBroker;
import dev.switchboard.config.DataSize;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.kafka.TopicAdmin;
import dev.switchboard.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka goes away and comes back. The service has its own broker here, stopped and restarted on
 * the same port and data dir, so the testkit's shared broker is never touched.
 */
class KafkaOutageIT {
    private static final String SECRET = "whatsapp-app-secret";

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private WebhookIngestor ingestor;

    @AfterEach
    void stop() {
        if (ingestor != null) {
            ingestor.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void answers503WhileKafkaIsDownThenStoresEveryEventExactlyOnceWhenItReturns() {
        // given a running service whose Kafka is up and has already taken one batch
        broker = EmbeddedBroker.start(BrokerSettings.of(dataDir, 0));
        int port = broker.port();
        KafkaSettings kafka = KafkaSettings.defaults().withBootstrapServers(broker.bootstrapServers());
        Topics topics = kafka.topics();
        try (Admin admin = Admin.create(ClientProperties.base(kafka))) {
            TopicAdmin.createTopics(admin, topics, Optional.empty(), Duration.ofSeconds(30));
        }
        ingestor = WebhookIngestor.start(
                config(kafka), Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        WebhookClient client = new WebhookClient(ingestor.port());
        byte[] before = Fixtures.body("whatsapp/whatsapp-statuses.json");
        assertThat(client.postSigned(Platform.WHATSAPP, SECRET, before).statusCode())
                .isEqualTo(200);

        // when Kafka stops
        broker.close();
        byte[] during = Fixtures.body("whatsapp/whatsapp-batched.json");

        // then a webhook is answered 503 with Retry-After, and the service says it is not ready
        HttpResponse<String> refused = client.postSigned(Platform.WHATSAPP, SECRET, during);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).doesNotContain("Exception");
        assertThat(client.get("/health").statusCode()).isEqualTo(503);

        // when Kafka comes back on the same port with the same data, and the platform keeps retrying
        broker = EmbeddedBroker.start(BrokerSettings.of(dataDir, port));
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() ->
                        client.postSigned(Platform.WHATSAPP, SECRET, during).statusCode() == 200);

        // then every event is on the topic exactly once: the refused attempts left nothing behind
        List<String> ids = TopicReader.readToEnd(broker.bootstrapServers(), topics.inboundMessages()).stream()
                .map(ConsumerRecord::value)
                .map(InboundMessage::getSourceMessageId)
                .toList();
        assertThat(ids).hasSize(4 + 5).doesNotHaveDuplicates();
        assertThat(ids)
                .contains(
                        "wamid.HBgMOTY2NTAwMDAwMDAxFQIAEhggQ0E2RjVCQjE5MzQ3MUFCNDhENjBCQ0FGMzBBMDA0QjcA",
                        "wamid.HBgMOTY2NTAwMDAwMDAxFQIAERgSQzZGNUVFOTgxMUUyMkI3MzVBAA==:read");
        assertThat(client.get("/health").statusCode()).isEqualTo(200);
    }

    private static IngestSocialConfig config(KafkaSettings kafka) {
        return new IngestSocialConfig(
                // A short ack timeout keeps the refused attempts quick.
                new IngestSocialConfig.Http("127.0.0.1", 0, DataSize.ofMegabytes(1), Duration.ofSeconds(2)),
                IngestSocialConfig.MetaApp.NONE,
                IngestSocialConfig.MetaApp.of(SECRET, "verify"),
                IngestSocialConfig.X.NONE,
                IngestSocialConfig.Web.NONE,
                kafka);
    }
}
