package dev.switchboard.ingest.social;

import dev.switchboard.http.KafkaHealth;
import dev.switchboard.http.WebServer;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest-social service: one HTTP server that receives the webhooks of Messenger, Instagram,
 * WhatsApp, X and the shop's web form and writes each customer message as one
 * {@code InboundMessage} on {@code support.inbound.messages}.
 *
 * <p>Endpoints: {@code POST /webhooks/{meta,whatsapp,x,web}} (signed events), {@code GET} on the
 * first three (subscription handshakes), {@code /health} (Kafka reachable, topics present) and
 * {@code /metrics}. A platform without its secrets has no endpoint (404). Several services can run
 * in one JVM: this one owns only its server, its producer and its admin client.
 */
public final class WebhookIngestor implements AutoCloseable {
    public static final String SERVICE = "ingest-social";
    private static final Logger log = LoggerFactory.getLogger(WebhookIngestor.class);

    private final Optional<WebServer> server;
    private final RecordPublisher publisher;
    private final Admin admin;
    private final Set<Platform> platforms;

    private WebhookIngestor(
            Optional<WebServer> server, RecordPublisher publisher, Admin admin, Set<Platform> platforms) {
        this.server = server;
        this.publisher = publisher;
        this.admin = admin;
        this.platforms = platforms;
    }

    public static WebhookIngestor start(IngestSocialConfig config) {
        return start(config, Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** Starts the server; returns once it accepts requests. Kafka may still be down: /health says so. */
    public static WebhookIngestor start(IngestSocialConfig config, Clock clock, PrometheusMeterRegistry registry) {
        return start(config, clock, registry, () -> kafkaPublisher(config));
    }

    /**
     * With the requests' records going to {@code publisher} instead of Kafka, which it then owns
     * (benchmarks measure the same server without Kafka this way).
     */
    public static WebhookIngestor start(
            IngestSocialConfig config, Clock clock, PrometheusMeterRegistry registry, RecordPublisher publisher) {
        return start(config, clock, registry, () -> publisher);
    }

    private static WebhookIngestor start(
            IngestSocialConfig config,
            Clock clock,
            PrometheusMeterRegistry registry,
            Supplier<RecordPublisher> publisher) {
        WebServer.Builder http = WebServer.builder(SERVICE)
                .host(config.http().host())
                .port(config.http().port())
                .maxBodySize(config.http().maxBodySize())
                .meterRegistry(registry);
        WebhookIngestor ingestor = mount(config, clock, registry, http, publisher);
        try {
            WebServer server = http.start();
            log.info(
                    "{}: receiving webhooks for {} on port {}, writing to {}",
                    SERVICE,
                    ingestor.platforms,
                    server.port(),
                    config.kafka().topics().inboundMessages().name());
            return new WebhookIngestor(Optional.of(server), ingestor.publisher, ingestor.admin, ingestor.platforms);
        } catch (RuntimeException e) {
            ingestor.close();
            throw e;
        }
    }

    /**
     * Adds the webhook endpoints and the Kafka health check to an HTTP server the caller starts
     * (e.g. {@code switchboard run}, one server for webhooks and the helpdesk bridge).
     */
    public static WebhookIngestor mount(
            IngestSocialConfig config, Clock clock, PrometheusMeterRegistry registry, WebServer.Builder http) {
        return mount(config, clock, registry, http, () -> kafkaPublisher(config));
    }

    private static RecordPublisher kafkaPublisher(IngestSocialConfig config) {
        return new EventPublisher(config.kafka(), config.http().ackTimeout());
    }

    private static WebhookIngestor mount(
            IngestSocialConfig config,
            Clock clock,
            PrometheusMeterRegistry registry,
            WebServer.Builder http,
            Supplier<RecordPublisher> publishing) {
        List<String> warnings = new ArrayList<>();
        Map<Platform, Credentials> enabled = Credentials.resolve(config, warnings);
        warnings.forEach(w -> log.warn("{}; its endpoint answers 404", w));
        Topics topics = config.kafka().topics();
        IngestMetrics metrics = new IngestMetrics(registry);
        // Only once the configuration has been read: a bad one must not leave a producer running.
        RecordPublisher publisher = publishing.get();
        var adminProps = ClientProperties.base(config.kafka());
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, config.kafka().topicPrefix() + SERVICE + "-health");
        Admin admin = Admin.create(adminProps);
        http.healthCheck(
                "kafka",
                new KafkaHealth(
                        admin,
                        List.of(
                                topics.inboundMessages().name(),
                                topics.deadLetter().name())));
        enabled.forEach((platform, credentials) -> {
            var endpoint =
                    new WebhookEndpoint(platform, credentials, parser(platform), publisher, topics, metrics, clock);
            http.post(platform.path(), endpoint::receive);
            switch (platform) {
                case META, WHATSAPP -> http.get(platform.path(), endpoint::verifySubscription);
                case X -> http.get(platform.path(), endpoint::answerCrc);
                case WEB -> {
                    // The web form has no handshake: the shop configures its secret directly.
                }
            }
        });
        return new WebhookIngestor(Optional.empty(), publisher, admin, Set.copyOf(enabled.keySet()));
    }

    static WebhookParser parser(Platform platform) {
        return switch (platform) {
            case META -> new MetaWebhookParser();
            case WHATSAPP -> new WhatsAppWebhookParser();
            case X -> new XWebhookParser();
            case WEB -> new WebFormParser();
        };
    }

    /** The HTTP port; the real one when the configuration asked for port 0 (-1 on a shared server). */
    public int port() {
        return server.map(WebServer::port).orElse(-1);
    }

    /** The platforms whose endpoints exist (their secrets are configured). */
    public Set<Platform> platforms() {
        return platforms;
    }

    @Override
    public void close() {
        // Stop taking requests first, so none is left waiting on a closed producer.
        server.ifPresent(WebServer::close);
        publisher.close();
        admin.close(Duration.ofSeconds(5));
        log.info("{}: stopped", SERVICE);
    }
}
