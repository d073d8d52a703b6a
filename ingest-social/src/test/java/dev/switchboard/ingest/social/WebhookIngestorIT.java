package dev.switchboard.ingest.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.DataSize;
import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.MessageKind;
import dev.switchboard.schemas.Topics;
import dev.switchboard.testkit.KafkaCluster;
import dev.switchboard.testkit.KafkaExtension;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The running service over real HTTP, writing to the real broker of the testkit. */
@ExtendWith(KafkaExtension.class)
class WebhookIngestorIT {
    private static final String META_SECRET = "meta-app-secret";
    private static final String WHATSAPP_SECRET = "whatsapp-app-secret";
    private static final String X_SECRET = "x-consumer-secret";
    private static final String WEB_SECRET = "web-form-secret";

    private final ObjectMapper json = new ObjectMapper();
    private KafkaCluster kafka;
    private Topics topics;
    private WebhookIngestor ingestor;
    private WebhookClient client;

    @BeforeEach
    void start(KafkaCluster kafka) {
        this.kafka = kafka;
        topics = kafka.newTopics();
        ingestor = WebhookIngestor.start(
                config(kafka, topics, true), Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        client = new WebhookClient(ingestor.port());
    }

    @AfterEach
    void stop() {
        ingestor.close();
    }

    static IngestSocialConfig config(KafkaCluster kafka, Topics topics, boolean withX) {
        return new IngestSocialConfig(
                new IngestSocialConfig.Http("127.0.0.1", 0, DataSize.parse("64KB"), Duration.ofSeconds(10)),
                IngestSocialConfig.MetaApp.of(META_SECRET, "meta-verify-token"),
                IngestSocialConfig.MetaApp.of(WHATSAPP_SECRET, "whatsapp-verify-token"),
                withX ? IngestSocialConfig.X.of(X_SECRET) : IngestSocialConfig.X.NONE,
                IngestSocialConfig.Web.of(WEB_SECRET),
                kafka.settings(topics));
    }

    @Test
    void aBatchedMessengerWebhookIsAcknowledgedOnlyWithEveryMessageStored() throws Exception {
        // when Meta delivers two entries with four messages
        HttpResponse<String> response =
                client.postSigned(Platform.META, META_SECRET, Fixtures.body("meta/messenger-batched.json"));

        // then the answer is 200 and the four messages are already on the topic, keyed by conversation
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("events").asInt()).isEqualTo(4);
        List<ConsumerRecord<String, InboundMessage>> records = inbound();
        assertThat(records).hasSize(4);
        assertThat(records)
                .extracting(ConsumerRecord::key)
                .containsOnly(
                        "messenger:106729815511208:6634287186609412", "messenger:106729815511208:7125593319837701");
        assertThat(records)
                .allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getConversationKey()));
        assertThat(records)
                .extracting(r -> r.value().getBodyText())
                .contains("طلبي رقم ٤٥٦٧ لم يصل بعد، متى سيصل؟", "Talk to a person");
    }

    @Test
    void echoesAndInstagramMessagesKeepTheirKinds() {
        client.postSigned(Platform.META, META_SECRET, Fixtures.body("meta/messenger-echo.json"));
        client.postSigned(Platform.META, META_SECRET, Fixtures.body("meta/instagram-messages.json"));

        List<InboundMessage> messages =
                inbound().stream().map(ConsumerRecord::value).toList();
        assertThat(messages)
                .extracting(InboundMessage::getKind)
                .containsExactlyInAnyOrder(
                        MessageKind.AGENT_ECHO,
                        MessageKind.CUSTOMER_MESSAGE,
                        MessageKind.CUSTOMER_MESSAGE,
                        MessageKind.AGENT_ECHO);
    }

    @Test
    void whatsappMessagesAndStatusesAreStored() throws Exception {
        HttpResponse<String> messages =
                client.postSigned(Platform.WHATSAPP, WHATSAPP_SECRET, Fixtures.body("whatsapp/whatsapp-batched.json"));
        HttpResponse<String> media =
                client.postSigned(Platform.WHATSAPP, WHATSAPP_SECRET, Fixtures.body("whatsapp/whatsapp-media.json"));
        HttpResponse<String> statuses =
                client.postSigned(Platform.WHATSAPP, WHATSAPP_SECRET, Fixtures.body("whatsapp/whatsapp-statuses.json"));

        assertThat(List.of(messages.statusCode(), media.statusCode(), statuses.statusCode()))
                .containsOnly(200);
        List<InboundMessage> stored =
                inbound().stream().map(ConsumerRecord::value).toList();
        assertThat(stored).hasSize(5 + 3 + 4);
        assertThat(stored.stream().filter(m -> m.getKind() == MessageKind.DELIVERY_STATUS))
                .extracting(m -> m.getMetadata().get("status"))
                .containsExactlyInAnyOrder("sent", "delivered", "read", "failed");
        assertThat(stored)
                .filteredOn(m -> m.getSourceMessageId()
                        .equals("wamid.HBgMMjAxMDAxMjM0NTY3FQIAEhggRDFFMkYzQTQ1QjZDN0Q4RTlGMEExQjJDM0Q0RTVGNkEA"))
                .singleElement()
                .satisfies(doc ->
                        assertThat(doc.getAttachments().get(0).getReference()).isEqualTo("1234987650192837"));
    }

    @Test
    void xDirectMessagesAndTheCrcCheck() throws Exception {
        HttpResponse<String> crc = client.get(Platform.X.path() + "?crc_token=9b4507b3-9040-4669-9ca3-6b94edb50553");
        assertThat(crc.statusCode()).isEqualTo(200);
        assertThat(json.readTree(crc.body()).get("response_token").asText())
                .isEqualTo(Handshakes.crcResponseToken(X_SECRET, "9b4507b3-9040-4669-9ca3-6b94edb50553"));

        client.postSigned(Platform.X, X_SECRET, Fixtures.body("x/x-dm-batched.json"));
        client.postSigned(Platform.X, X_SECRET, Fixtures.body("x/x-dm-media.json"));
        HttpResponse<String> typing = client.postSigned(Platform.X, X_SECRET, Fixtures.body("x/x-other-activity.json"));

        assertThat(typing.statusCode()).isEqualTo(200);
        assertThat(inbound())
                .extracting(r -> r.value().getSourceMessageId())
                .containsExactlyInAnyOrder(
                        "1861294850129305606", "1861294850129305607", "1861294850129305608", "1861294850129305610");
    }

    @Test
    void aWebFormMessageAndABatchWithOneBrokenMessage() throws Exception {
        client.postSigned(Platform.WEB, WEB_SECRET, Fixtures.body("web/contact-form.json"));
        byte[] batch = Fixtures.body("web/chat-widget-batch.json");
        HttpResponse<String> response = client.postSigned(Platform.WEB, WEB_SECRET, batch);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.get("events").asInt()).isEqualTo(2);
        assertThat(answer.get("deadLetters").asInt()).isEqualTo(1);
        assertThat(inbound())
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(
                        "web:shop-a:v-4821", "web:shop-a-chat:anon-5c21e8", "web:shop-a-chat:anon-5c21e8");
        DeadLetter letter = deadLetters().get(0).value();
        assertThat(bytes(letter.getPayload())).isEqualTo(batch);
        assertThat(letter.getDetail()).isEqualTo("messages[2]: 'id' is required");
    }

    @Test
    void anUnknownEventTypeIsAcknowledgedAndKeptAsADeadLetterWithTheRawBody() {
        byte[] body = Fixtures.body("meta/messenger-unknown-event.json");

        HttpResponse<String> response = client.postSigned(Platform.META, META_SECRET, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(inbound()).extracting(r -> r.value().getBodyText()).containsExactly("Can you check again?");
        ConsumerRecord<String, DeadLetter> record = deadLetters().get(0);
        assertThat(record.key()).isEqualTo("meta");
        DeadLetter letter = record.value();
        assertThat(letter.getService()).isEqualTo("ingest-social");
        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.UNKNOWN_SHAPE);
        assertThat(letter.getDetail()).contains("entry[0].messaging[0]").contains("message_edit");
        assertThat(bytes(letter.getPayload())).isEqualTo(body);
        assertThat(letter.getOriginalSize()).isEqualTo(body.length);
        assertThat(letter.getContext())
                .containsEntry("path", "/webhooks/meta")
                .containsEntry(
                        "request-id",
                        response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void aSignedBodyThatIsNotJsonIsAcknowledgedAndDeadLettered() {
        byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = client.postSigned(Platform.WHATSAPP, WHATSAPP_SECRET, body);

        assertThat(response.statusCode()).isEqualTo(200);
        DeadLetter letter = deadLetters().get(0).value();
        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.INVALID_JSON);
        assertThat(bytes(letter.getPayload())).isEqualTo(body);
        assertThat(inbound()).isEmpty();
    }

    @Test
    void forgedAndMissingSignaturesAre401AndWriteNothing() throws Exception {
        byte[] body = Fixtures.body("meta/messenger-batched.json");

        HttpResponse<String> forged = client.post(
                Platform.META.path(),
                "X-Hub-Signature-256",
                Platform.META.signature("not-the-secret").sign(body),
                body);
        HttpResponse<String> missing = client.post(Platform.META.path(), null, null, body);
        // X's header with Meta's encoding is not X's signature either.
        HttpResponse<String> wrongScheme = client.post(
                Platform.X.path(),
                Platform.X.signatureHeader(),
                Platform.META.signature(X_SECRET).sign(Fixtures.body("x/x-dm-media.json")),
                Fixtures.body("x/x-dm-media.json"));
        client.postSigned(Platform.WEB, WEB_SECRET, Fixtures.body("web/contact-form.json"));

        assertThat(List.of(forged.statusCode(), missing.statusCode(), wrongScheme.statusCode()))
                .containsOnly(401);
        assertThat(forged.body()).doesNotContain("Exception").contains("X-Hub-Signature-256");
        // Only the one correctly signed request reached Kafka.
        assertThat(inbound()).extracting(ConsumerRecord::key).containsExactly("web:shop-a:v-4821");
        assertThat(deadLetters()).isEmpty();
        String metrics = client.get("/metrics").body();
        assertThat(metrics)
                .contains("switchboard_social_signatures_rejected_total{platform=\"meta\",reason=\"mismatch\"} 1.0")
                .contains("switchboard_social_signatures_rejected_total{platform=\"meta\",reason=\"missing\"} 1.0")
                .contains("switchboard_social_signatures_rejected_total{platform=\"x\",reason=\"mismatch\"} 1.0");
    }

    @Test
    void subscriptionHandshakesEchoTheChallengeOnlyForTheRightToken() {
        HttpResponse<String> meta = client.get(
                "/webhooks/meta?hub.mode=subscribe&hub.verify_token=meta-verify-token&hub.challenge=1158201444");
        HttpResponse<String> whatsapp = client.get(
                "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=whatsapp-verify-token&hub.challenge=98765");
        HttpResponse<String> wrong = client.get(
                "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=meta-verify-token&hub.challenge=98765");

        assertThat(meta.statusCode()).isEqualTo(200);
        assertThat(meta.body()).isEqualTo("1158201444");
        assertThat(whatsapp.body()).isEqualTo("98765");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("98765");
        assertThat(client.get("/webhooks/x").statusCode()).isEqualTo(400);
    }

    @Test
    void oversizeBodiesWrongMethodsAndUnknownPaths() {
        byte[] large = ("{\"padding\":\"" + "x".repeat(100 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> tooLarge = client.postSigned(Platform.META, META_SECRET, large);
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(URI.create(client.base() + "/webhooks/meta"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
        HttpResponse<String> getWeb = client.get("/webhooks/web");
        HttpResponse<String> unknown = client.get("/webhooks/telegram");

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(getWeb.statusCode()).isEqualTo(405);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(List.of(tooLarge, put, getWeb, unknown))
                .allSatisfy(r -> assertThat(r.body()).startsWith("{\"status\":").doesNotContain("at io.javalin"));
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void aPlatformWithoutSecretsHasNoEndpoint() {
        ingestor.close();
        ingestor = WebhookIngestor.start(
                config(kafka, topics, false), Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        client = new WebhookClient(ingestor.port());

        assertThat(ingestor.platforms()).doesNotContain(Platform.X);
        assertThat(client.postSigned(Platform.X, X_SECRET, Fixtures.body("x/x-dm-media.json"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(client.get("/webhooks/x?crc_token=abc").statusCode()).isEqualTo(404);
    }

    @Test
    void healthIsUpAndMetricsCountEventsByKind() throws Exception {
        client.postSigned(Platform.META, META_SECRET, Fixtures.body("meta/messenger-echo.json"));
        client.postSigned(Platform.META, META_SECRET, Fixtures.body("meta/messenger-receipts.json"));

        HttpResponse<String> health = client.get("/health");
        String metrics = client.get("/metrics").body();

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(json.readTree(health.body()).at("/checks/kafka/status").asText())
                .isEqualTo("UP");
        assertThat(metrics)
                .contains(
                        "switchboard_social_events_total{channel=\"messenger\",kind=\"agent_echo\",platform=\"meta\"} 1.0")
                .contains("switchboard_social_ignored_total{platform=\"meta\",type=\"messenger read\"} 1.0")
                .contains("switchboard_social_requests_total{outcome=\"accepted\",platform=\"meta\"} 2.0")
                .contains(
                        "http_server_requests_seconds_count{method=\"POST\",status=\"200\",uri=\"/webhooks/meta\"} 2");
    }

    @Test
    void aBugWhileReadingStillAnswers200AndKeepsTheBody() {
        // given an endpoint whose parser fails on everything, as a bug would
        WebhookParser broken = (body, now) -> {
            throw new IllegalStateException("bug");
        };
        try (EventPublisher publisher = new EventPublisher(kafka.settings(topics), Duration.ofSeconds(10));
                var server = dev.switchboard.http.WebServer.builder("broken")
                        .host("127.0.0.1")
                        .port(0)
                        .post(
                                Platform.WEB.path(),
                                new WebhookEndpoint(
                                        Platform.WEB,
                                        new Credentials(WEB_SECRET, java.util.Optional.empty()),
                                        broken,
                                        publisher,
                                        topics,
                                        new IngestMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
                                        Clock.systemUTC())::receive)
                        .start()) {
            byte[] body = Fixtures.body("web/contact-form.json");

            // when a signed request arrives
            HttpResponse<String> response = new WebhookClient(server.port()).postSigned(Platform.WEB, WEB_SECRET, body);

            // then the platform is told it was received and the body waits in the dead-letter topic
            assertThat(response.statusCode()).isEqualTo(200);
            DeadLetter letter = deadLetters().get(0).value();
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
            assertThat(bytes(letter.getPayload())).isEqualTo(body);
        }
    }

    private List<ConsumerRecord<String, InboundMessage>> inbound() {
        return TopicReader.readToEnd(kafka.bootstrapServers(), topics.inboundMessages());
    }

    private List<ConsumerRecord<String, DeadLetter>> deadLetters() {
        return TopicReader.readToEnd(kafka.bootstrapServers(), topics.deadLetter());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
