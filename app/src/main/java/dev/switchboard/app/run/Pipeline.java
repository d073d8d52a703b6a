package dev.switchboard.app.run;

import dev.switchboard.agents.AgentMapper;
import dev.switchboard.agents.TeamPublisher;
import dev.switchboard.bridge.BridgeConfig;
import dev.switchboard.bridge.HelpdeskBridge;
import dev.switchboard.broker.BrokerSettings;
import dev.switchboard.broker.EmbeddedBroker;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.events.Agent;
import dev.switchboard.http.StreamsHealth;
import dev.switchboard.http.WebServer;
import dev.switchboard.ingest.email.EmailIngestConfig;
import dev.switchboard.ingest.email.MailboxConfig;
import dev.switchboard.ingest.email.MailboxIngestor;
import dev.switchboard.ingest.social.IngestSocialConfig;
import dev.switchboard.ingest.social.WebhookIngestor;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.CompactedTopic;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.kafka.TopicAdmin;
import dev.switchboard.router.TicketRouter;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.schemas.Topics;
import dev.switchboard.sla.SlaConfig;
import dev.switchboard.sla.SlaMonitor;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code switchboard run} starts, in one JVM, in order: the embedded broker and the
 * topics, the agents, the router and the SLA monitor, one HTTP server for webhooks, the helpdesk
 * bridge, {@code /health} and {@code /metrics}, the mailbox (the demo mailbox when the
 * configuration names {@code host: demo}). {@link #close()} stops them in reverse order.
 *
 * <p>Every service reads its own file from the config dir, as it would alone; only the Kafka
 * settings are replaced (the embedded broker, state under the data dir).
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
    public static final String DEMO_HOST = "demo";

    /** How to run. */
    public record Options(
            Path dataDir,
            Path configDir,
            int kafkaPort,
            int httpPort,
            int imapPort,
            int smtpPort,
            Map<String, String> env,
            Optional<List<Agent>> team) {}

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final KafkaSettings kafka;
    private final EmbeddedBroker broker;
    private final int httpPort;
    private final Optional<DemoMailbox> mailbox;
    private final List<Agent> agents;
    private final IngestSocialConfig social;
    private final BridgeConfig bridge;

    private Pipeline(Builder b) {
        this.kafka = b.kafka;
        this.broker = b.broker;
        this.httpPort = b.server.port();
        this.mailbox = b.mailbox;
        this.agents = b.agents;
        this.social = b.social;
        this.bridge = b.bridge;
        this.started.addAll(b.started);
    }

    /** Starts everything; on any failure stops what was started and rethrows. */
    public static Pipeline start(Options options, PrometheusMeterRegistry registry, Consumer<String> onFailure) {
        Builder b = new Builder();
        try {
            b.start(options, registry, onFailure);
            return new Pipeline(b);
        } catch (RuntimeException e) {
            b.closeAll();
            throw e;
        }
    }

    public KafkaSettings kafka() {
        return kafka;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public int httpPort() {
        return httpPort;
    }

    public Optional<DemoMailbox> mailbox() {
        return mailbox;
    }

    public List<Agent> agents() {
        return agents;
    }

    public IngestSocialConfig socialConfig() {
        return social;
    }

    public BridgeConfig bridgeConfig() {
        return bridge;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            try {
                next.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", next.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    /** Collects what it starts, so a failure half-way stops exactly that. */
    private static final class Builder {
        private final Deque<AutoCloseable> started = new ArrayDeque<>();
        private KafkaSettings kafka;
        private EmbeddedBroker broker;
        private WebServer server;
        private Optional<DemoMailbox> mailbox = Optional.empty();
        private List<Agent> agents;
        private IngestSocialConfig social;
        private BridgeConfig bridge;

        void start(Options o, PrometheusMeterRegistry registry, Consumer<String> onFailure) {
            Path data = o.dataDir().toAbsolutePath();
            Path config = o.configDir().toAbsolutePath();
            ConfigLoader loader = new ConfigLoader(o.env());
            // Read every file before starting anything, so a mistake costs no broker start-up.
            RouterConfig routerFile = RouterConfig.load(loader, file(config, "router.yaml"));
            SlaConfig slaFile = SlaConfig.load(loader, file(config, "sla.yaml"));
            social = loader.load(file(config, "ingest-social.yaml"), IngestSocialConfig.class);
            bridge = loader.load(file(config, "bridge.yaml"), BridgeConfig.class);
            EmailIngestConfig emailFile = loader.load(file(config, "ingest-email.yaml"), EmailIngestConfig.class);
            agents = o.team()
                    .orElseGet(() -> AgentMapper.load(
                            loader,
                            file(config, "agents.yaml"),
                            Optional.empty(),
                            Clock.systemUTC().instant()));

            broker = EmbeddedBroker.start(BrokerSettings.of(data.resolve("kafka"), o.kafkaPort()));
            started.push(broker);
            broker.onFailure(onFailure);
            kafka = KafkaSettings.defaults().withBootstrapServers(broker.bootstrapServers());
            try (Admin admin = Admin.create(ClientProperties.base(kafka))) {
                TopicAdmin.createTopics(admin, kafka.topics(), Optional.empty(), Duration.ofSeconds(30));
            }
            publishAgents(kafka, agents, o.team().isPresent());

            TicketRouter router = new TicketRouter(
                    routerFile.withKafka(
                            kafka.withStateDir(data.resolve("streams").resolve("router"))),
                    registry);
            router.start();
            started.push(router);
            SlaMonitor sla = new SlaMonitor(
                    slaFile.withKafka(kafka.withStateDir(data.resolve("streams").resolve("sla-monitor"))), registry);
            sla.onFailure(e -> onFailure.accept("the SLA monitor stopped: " + e.getMessage()));
            sla.start();
            started.push(sla);

            WebServer.Builder http = WebServer.builder("switchboard")
                    .host("127.0.0.1")
                    .port(o.httpPort())
                    .maxBodySize(social.http().maxBodySize())
                    .meterRegistry(registry)
                    .healthCheck("router", new StreamsHealth(router::state))
                    .healthCheck("sla-monitor", new StreamsHealth(sla::state));
            social = social.withKafka(kafka);
            started.push(WebhookIngestor.mount(social, Clock.systemUTC(), registry, http));
            bridge = new BridgeConfig(bridge.http(), bridge.inbound(), bridge.outbound(), kafka);
            started.push(HelpdeskBridge.start(bridge, Clock.systemUTC(), registry, http));

            List<MailboxConfig> mailboxes = emailFile.mailboxes();
            Optional<MailboxConfig> demo =
                    mailboxes.stream().filter(m -> m.host().equals(DEMO_HOST)).findFirst();
            if (demo.isPresent()) {
                DemoMailbox box = DemoMailbox.start(
                        o.imapPort(),
                        o.smtpPort(),
                        demo.get().username(),
                        demo.get().password().orElse(""));
                started.push(box);
                mailbox = Optional.of(box);
                mailboxes = mailboxes.stream()
                        .map(m -> m.host().equals(DEMO_HOST)
                                ? m.withServer("127.0.0.1", box.imapPort(), MailboxConfig.Security.NONE)
                                : m)
                        .toList();
            }
            MailboxIngestor mail = new MailboxIngestor(
                    new EmailIngestConfig(kafka, mailboxes),
                    MailboxIngestor.Options.defaults().withRegistry(registry));
            http.healthCheck("ingest-email", mail.healthCheck());
            mail.start();
            started.push(mail);

            server = http.start();
            started.push(server);
        }

        private static Path file(Path dir, String name) {
            Path file = dir.resolve(name);
            if (!Files.exists(file)) {
                throw new ConfigException(file + ": no such configuration file (switchboard run reads every service's"
                        + " file from --config-dir)");
            }
            return file;
        }

        /**
         * Publishes the team. The sample team starts online unless a presence is already on
         * record (a restart keeps what the helpdesk said); a demo team replaces whoever is there.
         */
        private static void publishAgents(KafkaSettings kafka, List<Agent> agents, boolean replace) {
            Topics topics = kafka.topics();
            Set<String> onRecord =
                    CompactedTopic.liveKeys(kafka, topics.agentPresence().name());
            Set<String> known =
                    replace ? CompactedTopic.liveKeys(kafka, topics.agents().name()) : Set.of();
            TeamPublisher.publish(
                    kafka,
                    agents,
                    id -> replace || !onRecord.contains(id),
                    known,
                    Clock.systemUTC().instant(),
                    "switchboard-run");
        }

        void closeAll() {
            while (!started.isEmpty()) {
                try {
                    started.pop().close();
                } catch (Exception e) {
                    log.warn("Stopping after a failed start: {}", e.getMessage());
                }
            }
        }
    }
}
