package dev.switchboard.bridge;

import dev.switchboard.http.KafkaHealth;
import dev.switchboard.http.WebServer;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.schemas.Topics;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The helpdesk bridge: agents get their assignments in the helpdesk, and the helpdesk tells
 * Switchboard what agents did.
 *
 * <p>Outbound, one worker per configured endpoint delivers assignments, reassignments and SLA
 * alerts as signed JSON (or Slack messages), retried with backoff, dead-lettered after the last
 * attempt. Inbound, {@code POST /helpdesk/events} turns agent replies, status changes, presence
 * changes, reassign requests and merges into {@code TicketEvent}s and {@code AgentPresence}
 * records, all of a request or none. Helpdesks that speak Kafka produce the same events directly.
 */
public final class HelpdeskBridge implements AutoCloseable {
    public static final String SERVICE = "bridge";
    public static final String EVENTS_PATH = "/helpdesk/events";
    private static final Logger log = LoggerFactory.getLogger(HelpdeskBridge.class);

    private final List<OutboundWorker> workers;
    private final List<Thread> threads;
    private final Optional<HelpdeskWriter> writer;
    private final Admin admin;
    private final Optional<WebServer> server;

    private HelpdeskBridge(
            List<OutboundWorker> workers,
            List<Thread> threads,
            Optional<HelpdeskWriter> writer,
            Admin admin,
            Optional<WebServer> server) {
        this.workers = workers;
        this.threads = threads;
        this.writer = writer;
        this.admin = admin;
        this.server = server;
    }

    /** Starts the bridge with its own HTTP server on {@code http.port}. */
    public static HelpdeskBridge start(BridgeConfig config, Clock clock, PrometheusMeterRegistry registry) {
        WebServer.Builder http = WebServer.builder(SERVICE)
                .port(config.http().port())
                .maxBodySize(config.http().maxBodySize())
                .meterRegistry(registry);
        HelpdeskBridge bridge = start(config, clock, registry, http);
        try {
            return bridge.withServer(http.start());
        } catch (RuntimeException e) {
            bridge.close();
            throw e;
        }
    }

    public static HelpdeskBridge start(BridgeConfig config) {
        return start(config, Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * Starts the bridge's workers and adds its endpoint and health check to an HTTP server the
     * caller starts (e.g. {@code switchboard run}, one server for webhooks and the helpdesk).
     */
    public static HelpdeskBridge start(
            BridgeConfig config, Clock clock, PrometheusMeterRegistry registry, WebServer.Builder http) {
        Topics topics = config.kafka().topics();
        Admin admin = Admin.create(ClientProperties.base(config.kafka()));
        http.healthCheck(
                "bridge-kafka",
                new KafkaHealth(
                        admin,
                        List.of(
                                topics.ticketEvents().name(),
                                topics.agentPresence().name(),
                                topics.assignments().name(),
                                topics.slaAlerts().name())));
        Optional<HelpdeskWriter> writer = Optional.empty();
        if (config.inbound().enabled()) {
            HelpdeskWriter w = new HelpdeskWriter(config.kafka(), Duration.ofSeconds(10));
            HelpdeskInbound inbound = new HelpdeskInbound(config.inbound(), w::write, clock, registry);
            http.post(EVENTS_PATH, ctx -> answer(ctx, inbound.handle(ctx::header, ctx.bodyAsBytes())));
            writer = Optional.of(w);
        } else {
            log.warn(
                    "{}: no inbound.bearer-token or inbound.hmac-secret configured; {} is disabled (404)",
                    SERVICE,
                    EVENTS_PATH);
        }
        Deliverer deliverer = Deliverer.create();
        List<OutboundWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (BridgeConfig.Endpoint endpoint : config.outbound()) {
            if (!endpoint.enabled()) {
                log.warn("{}: outbound endpoint {} has no url; nothing is delivered to it", SERVICE, endpoint.name());
                continue;
            }
            OutboundWorker worker = new OutboundWorker(endpoint, config.kafka(), deliverer, clock, registry);
            Thread thread = new Thread(worker, "bridge-" + endpoint.name());
            thread.setDaemon(true);
            thread.start();
            workers.add(worker);
            threads.add(thread);
            log.info(
                    "{}: delivering {} to {} ({}, {})",
                    SERVICE,
                    endpoint.events(),
                    endpoint.name(),
                    endpoint.url(),
                    endpoint.format());
        }
        return new HelpdeskBridge(workers, threads, writer, admin, Optional.empty());
    }

    private HelpdeskBridge withServer(WebServer server) {
        return new HelpdeskBridge(workers, threads, writer, admin, Optional.of(server));
    }

    /** The HTTP port when the bridge runs its own server. */
    public Optional<Integer> port() {
        return server.map(WebServer::port);
    }

    private static void answer(Context ctx, HelpdeskInbound.Response response) {
        ctx.status(response.status()).contentType("application/json").result(response.body());
    }

    @Override
    public void close() {
        server.ifPresent(WebServer::close);
        workers.forEach(OutboundWorker::close);
        // A worker may be waiting out a backoff: wake it, its record is redelivered after a restart.
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writer.ifPresent(HelpdeskWriter::close);
        admin.close(Duration.ofSeconds(5));
        log.info("{}: stopped", SERVICE);
    }
}
