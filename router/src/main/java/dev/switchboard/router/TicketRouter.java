package dev.switchboard.router;

import dev.switchboard.events.InboundMessage;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.DeadLetters;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.router.config.RoutingRules;
import dev.switchboard.router.topology.MessageResolver;
import dev.switchboard.router.topology.RouterMetrics;
import dev.switchboard.router.topology.RouterStores;
import dev.switchboard.router.topology.TicketPartitioner;
import dev.switchboard.router.topology.TicketProcessor;
import dev.switchboard.router.understanding.MessageAnalyzer;
import dev.switchboard.schemas.Topic;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router service: {@code support.inbound.messages} in, {@code support.tickets.events} out.
 * Each message is deduplicated, joined to its ticket (or opens one), understood, prioritized and
 * checked against the escalation rules; helpdesk events on the ticket topic keep the tickets'
 * state true. {@link #start()} also starts assignment ({@link TicketAssigner}, its own Kafka Streams
 * application), which gives every ticket to an agent or queues it. Runs alone ({@code switchboard
 * router}) or embedded beside the other services.
 *
 * <pre>
 * inbound ─► resolve (dedupe, subject token, References → ticket index) ─► repartition by ticket owner
 *         ─► tickets (open / join / reopen, analyse, priority, escalation) ─► ticket events
 * ticket events ─► ticket index (global: Message-ID → ticket, helpdesk facts)
 * customers ─► customers (global: tier)
 * </pre>
 */
public final class TicketRouter implements AutoCloseable {
    public static final String APPLICATION_ID = "switchboard-router";
    /** Source message ids seen within the dedupe window (window store). */
    public static final String DEDUPE_STORE = "router-dedupe";
    /** Ticket id → the router's ticket state. */
    public static final String TICKETS_STORE = "router-tickets";
    /** Conversation key → its current ticket id. */
    public static final String CONVERSATIONS_STORE = "router-conversations";
    /** The task's ticket counter. */
    public static final String COUNTER_STORE = "router-ticket-counter";
    /** Global: Message-ID → ticket id, ticket id → helpdesk facts. */
    public static final String INDEX_STORE = "router-ticket-index";
    /** Global: customer key → customer (tier). */
    public static final String CUSTOMERS_STORE = "router-customers";
    /** Repartition topic taking messages to the partition that owns their ticket. */
    public static final String BY_TICKET_REPARTITION = "router-messages-by-ticket";

    private static final Logger log = LoggerFactory.getLogger(TicketRouter.class);

    private final RouterConfig config;
    private final MeterRegistry meters;
    private KafkaStreamsMetrics streamsMetrics;
    private final java.util.Optional<MessageAnalyzer> sharedAnalyzer;
    private KafkaStreams streams;
    private TicketAssigner assigner;

    /** With an analyzer shared with other services of the JVM (it holds the language models). */
    public TicketRouter(RouterConfig config, MeterRegistry meters, MessageAnalyzer analyzer) {
        this.config = config;
        this.meters = meters;
        this.sharedAnalyzer = java.util.Optional.of(analyzer);
    }

    public TicketRouter(RouterConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
        this.sharedAnalyzer = java.util.Optional.empty();
    }

    public TicketRouter(RouterConfig config) {
        this(config, Metrics.globalRegistry);
    }

    /** The topology production and tests share; builds the analyzer (language models) once. */
    public static Topology buildTopology(RouterConfig config) {
        return buildTopology(config, Metrics.globalRegistry);
    }

    public static Topology buildTopology(RouterConfig config, MeterRegistry meters) {
        return buildTopology(config, meters, new MessageAnalyzer(config.rules()));
    }

    /**
     * With an analyzer built elsewhere: its language models take a second and ~85 MB to load, so
     * services and tests in one JVM share one.
     */
    public static Topology buildTopology(RouterConfig config, MeterRegistry meters, MessageAnalyzer analyzer) {
        Topics topics = config.kafka().topics();
        RoutingRules rules = config.rules();
        RouterMetrics metrics = new RouterMetrics(meters);
        StreamsBuilder builder = new StreamsBuilder();
        RouterStores.addTo(builder, topics, rules.windows());
        builder.stream(topics.inboundMessages().name(), consumed(topics.inboundMessages(), "inbound-messages"))
                .process(
                        () -> new MessageResolver(rules.windows().dedupe(), metrics), Named.as("resolve"), DEDUPE_STORE)
                .repartition(Repartitioned.<String, InboundMessage>as(BY_TICKET_REPARTITION)
                        .withKeySerde(topics.inboundMessages().keySerde())
                        .withValueSerde(topics.inboundMessages().valueSerde())
                        .withStreamPartitioner(new TicketPartitioner<>()))
                .process(
                        () -> new TicketProcessor(rules, analyzer, metrics),
                        Named.as("tickets"),
                        TICKETS_STORE,
                        CONVERSATIONS_STORE,
                        COUNTER_STORE)
                .to(topics.ticketEvents().name(), produced(topics.ticketEvents(), "ticket-events"));
        return builder.build();
    }

    private static <V> Consumed<String, V> consumed(Topic<String, V> topic, String name) {
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }

    private static <V> Produced<String, V> produced(Topic<String, V> topic, String name) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }

    /** Streams settings beyond the shared ones, each with its reason. */
    public static Properties streamsProperties(RouterConfig config) {
        Properties p = ClientProperties.streams(config.kafka(), APPLICATION_ID);
        // Undecodable input and processing failures become dead letters; the router goes on.
        DeadLetters.install(p, config.kafka().topics(), "router");
        // The file's explicit client settings still win, as for every service.
        p.putAll(config.kafka().properties());
        return p;
    }

    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException("The router is already started");
        }
        MessageAnalyzer analyzer = sharedAnalyzer.orElseGet(() -> new MessageAnalyzer(config.rules()));
        streams = new KafkaStreams(buildTopology(config, meters, analyzer), streamsProperties(config));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Router stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meters);
        streams.start();
        assigner = new TicketAssigner(config, meters);
        assigner.start();
        log.info(
                "Router started: {} -> {} (rules {})",
                config.kafka().topics().inboundMessages().name(),
                config.kafka().topics().ticketEvents().name(),
                config.rules().classifierName());
    }

    /** RUNNING when both the ticket router and assignment run; otherwise the state of the one that does not. */
    public synchronized KafkaStreams.State state() {
        if (streams == null) {
            return KafkaStreams.State.NOT_RUNNING;
        }
        KafkaStreams.State tickets = streams.state();
        return tickets == KafkaStreams.State.RUNNING ? assigner.state() : tickets;
    }

    @Override
    public synchronized void close() {
        if (assigner != null) {
            assigner.close();
            assigner = null;
        }
        if (streams != null) {
            // Leave the group, so a restarted or other instance takes the partitions over at once
            // rather than after the session timeout.
            streams.close(org.apache.kafka.streams.CloseOptions.timeout(Duration.ofSeconds(30))
                    .withGroupMembershipOperation(
                            org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            streams = null;
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
            streamsMetrics = null;
        }
    }
}
