package dev.switchboard.router;

import dev.switchboard.events.Agent;
import dev.switchboard.events.AgentPresence;
import dev.switchboard.events.Assignment;
import dev.switchboard.events.SlaStatus;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.DeadLetters;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.router.topology.AgentGroups;
import dev.switchboard.router.topology.AssignmentProcessor;
import dev.switchboard.router.topology.AssignmentStores;
import dev.switchboard.router.topology.RouterMetrics;
import dev.switchboard.router.topology.TicketGroups;
import dev.switchboard.schemas.Topic;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assignment, the router's second Kafka Streams application: every ticket to an eligible agent who
 * is working now, or into its routing group's queue, with the reasons. It reads the ticket events
 * (the router's, the helpdesk's, the SLA monitor's), SLA statuses, agents and presence, and writes
 * {@code Assignment}s and ASSIGNED / QUEUED / UNASSIGNED ticket events.
 *
 * <pre>
 * ticket events, sla status ─► ticket → group ─► events-by-group, sla-by-group ─┐
 * agents, presence ─► agent → group ─► agents-by-group, presence-by-group ───────┴─► assign ─► assignments, ticket events
 * </pre>
 *
 * <p>A separate application from the ticket router because the ticket topic is already the source
 * of the router's global ticket index, and Kafka Streams reads a topic once per application.
 */
public final class TicketAssigner implements AutoCloseable {
    public static final String APPLICATION_ID = "switchboard-assigner";
    /** Ticket id → its routing group and the last SLA due time forwarded. */
    public static final String TICKET_GROUPS_STORE = "assign-ticket-groups";
    /** Agent id → the latest agent record. */
    public static final String DIRECTORY_STORE = "assign-directory";
    /** Agent id → the latest presence. */
    public static final String PRESENCE_STORE = "assign-presence";
    /** group␁agent → load, presence, last assignment. */
    public static final String AGENTS_STORE = "assign-agents";
    /** group␁ticket → the ticket as assignment knows it. */
    public static final String TICKETS_STORE = "assign-tickets";
    /** group␁needs␁order → ticket: the queue, one bucket per needs, each in queue order. */
    public static final String QUEUE_STORE = "assign-queue";
    /** group␁needs → how many wait in the bucket. */
    public static final String BUCKETS_STORE = "assign-buckets";
    /** group␁customer → their last agent and when (sticky). */
    public static final String CUSTOMERS_STORE = "assign-customers";
    /** time␁group␁kind␁id → what the wall-clock check looks at, in time order. */
    public static final String WAKEUPS_STORE = "assign-wakeups";

    public static final String EVENTS_BY_GROUP = "events-by-group";
    public static final String SLA_BY_GROUP = "sla-by-group";
    public static final String AGENTS_BY_GROUP = "agents-by-group";
    public static final String PRESENCE_BY_GROUP = "presence-by-group";

    private static final Logger log = LoggerFactory.getLogger(TicketAssigner.class);

    private final RouterConfig config;
    private final MeterRegistry meters;
    private KafkaStreamsMetrics streamsMetrics;
    private KafkaStreams streams;

    public TicketAssigner(RouterConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
    }

    public TicketAssigner(RouterConfig config) {
        this(config, Metrics.globalRegistry);
    }

    /** The topology production and tests share. */
    public static Topology buildTopology(RouterConfig config) {
        return buildTopology(config, Metrics.globalRegistry);
    }

    public static Topology buildTopology(RouterConfig config, MeterRegistry meters) {
        RouterMetrics metrics = new RouterMetrics(meters);
        Topics topics = config.kafka().topics();
        int partitions = config.assignment().partitions();
        StreamsBuilder builder = new StreamsBuilder();
        AssignmentStores.addTo(builder);

        KStream<String, SpecificRecord> byTicket = builder.stream(
                        topics.ticketEvents().name(), consumed(topics.ticketEvents(), "ticket-events"))
                .process(TicketGroups.Events::new, Named.as("ticket-groups"), TICKET_GROUPS_STORE);
        KStream<String, SpecificRecord> byTicketSla = builder.stream(
                        topics.slaStatus().name(), consumed(topics.slaStatus(), "sla-status"))
                .process(TicketGroups.Sla::new, Named.as("ticket-sla-groups"), TICKET_GROUPS_STORE);
        KStream<String, SpecificRecord> byAgent = builder.stream(
                        topics.agents().name(), consumed(topics.agents(), "agents"))
                .process(AgentGroups.Agents::new, Named.as("agent-groups"), DIRECTORY_STORE, PRESENCE_STORE);
        KStream<String, SpecificRecord> byPresence = builder.stream(
                        topics.agentPresence().name(), consumed(topics.agentPresence(), "agent-presence"))
                .process(AgentGroups.Presence::new, Named.as("presence-groups"), DIRECTORY_STORE, PRESENCE_STORE);
        KStream<String, SpecificRecord> agentSide = byAgent.merge(byPresence, Named.as("agent-side"));

        KStream<String, SpecificRecord> events = toGroup(
                byTicket,
                TicketEvent.class,
                EVENTS_BY_GROUP,
                topics.ticketEvents().valueSerde(),
                partitions);
        KStream<String, SpecificRecord> sla = toGroup(
                byTicketSla, SlaStatus.class, SLA_BY_GROUP, topics.slaStatus().valueSerde(), partitions);
        KStream<String, SpecificRecord> agents =
                toGroup(agentSide, Agent.class, AGENTS_BY_GROUP, topics.agents().valueSerde(), partitions);
        KStream<String, SpecificRecord> presence = toGroup(
                agentSide,
                AgentPresence.class,
                PRESENCE_BY_GROUP,
                topics.agentPresence().valueSerde(),
                partitions);

        KStream<String, SpecificRecord> decisions = events.merge(sla, Named.as("group-events-sla"))
                .merge(agents, Named.as("group-events-sla-agents"))
                .merge(presence, Named.as("group-inputs"))
                .process(
                        () -> new AssignmentProcessor(
                                config.assignment(), config.rules().windows().reopen(), metrics),
                        Named.as("assign"),
                        AGENTS_STORE,
                        TICKETS_STORE,
                        QUEUE_STORE,
                        BUCKETS_STORE,
                        CUSTOMERS_STORE,
                        WAKEUPS_STORE);
        decisions
                .filter((ticket, v) -> v instanceof Assignment, Named.as("assignments"))
                .mapValues(v -> (Assignment) v, Named.as("assignment-records"))
                .to(topics.assignments().name(), produced(topics.assignments(), "assignments-out"));
        decisions
                .filter((ticket, v) -> v instanceof TicketEvent, Named.as("decision-events"))
                .mapValues(v -> (TicketEvent) v, Named.as("decision-event-records"))
                .to(topics.ticketEvents().name(), produced(topics.ticketEvents(), "decision-events-out"));
        return builder.build();
    }

    /** Records of one type, through an explicitly named repartition topic keyed by routing group. */
    private static <T extends SpecificRecord> KStream<String, SpecificRecord> toGroup(
            KStream<String, SpecificRecord> in, Class<T> type, String name, Serde<T> serde, int partitions) {
        return in.filter((group, v) -> type.isInstance(v), Named.as(name + "-select"))
                .mapValues(type::cast, Named.as(name + "-typed"))
                .repartition(Repartitioned.<String, T>as(name)
                        .withKeySerde(Topics.KEYS)
                        .withValueSerde(serde)
                        // Every by-group topic must have the same count: a group's records meet in one task.
                        .withNumberOfPartitions(partitions))
                .mapValues(v -> (SpecificRecord) v, Named.as(name + "-in"));
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
        // Undecodable input and processing failures become dead letters; assignment goes on.
        DeadLetters.install(p, config.kafka().topics(), "router");
        p.putAll(config.kafka().properties());
        return p;
    }

    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException("Assignment is already started");
        }
        streams = new KafkaStreams(buildTopology(config, meters), streamsProperties(config));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Assignment stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meters);
        streams.start();
        log.info(
                "Assignment started: {} -> {} (check every {})",
                config.kafka().topics().ticketEvents().name(),
                config.kafka().topics().assignments().name(),
                config.assignment().checkEvery());
    }

    public synchronized KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.NOT_RUNNING : streams.state();
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            // Leave the group, so another instance takes the routing groups over at once.
            streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            streams = null;
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
            streamsMetrics = null;
        }
    }
}
