package dev.switchboard.sla;

import dev.switchboard.calendar.Calendars;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.events.Channel;
import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.Priority;
import dev.switchboard.events.SlaAlert;
import dev.switchboard.events.SlaStatus;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.events.TicketSummary;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.AvroSetup;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The SLA monitor's topology in a {@link TopologyTestDriver} with the wall clock in the test's
 * hands: events happen "now", time moves with {@link #advanceTo}, and what the monitor wrote is
 * read from its output topics.
 */
final class SlaDriver implements AutoCloseable {
    /** A Monday, on the wall-clock check's 250 ms grid. */
    static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");

    static final String CALENDARS = """
            calendars:
              office:
                zone: Europe/London
                hours:
                  monday-friday: [09:00-17:00]
            """;

    /**
     * Standard tickets: 24/7, first reply 60m (warning at 45m), next reply 2h (90m), resolution 8h
     * (6h). Urgent: 24/7, 30m/15m. VIP: office hours, first reply 60m.
     */
    static final String POLICIES = """
            defaults:
              calendar: 24/7
              warn-at: 75%
              warn-before: 15m
              on-breach: notify-lead
            policies:
              - name: urgent
                match: {priority: [urgent]}
                first-reply: 30m
                next-reply: 30m
                resolution: 4h
                warn-at: 50%
                warn-before: 10m
                on-breach: reassign
              - name: vip
                match: {customer-tier: [vip]}
                calendar: office
                first-reply: 60m
                resolution: 16h
                on-breach: raise-priority
              - name: standard
                first-reply: 60m
                next-reply: 2h
                resolution: 8h
            """;

    static {
        AvroSetup.install();
    }

    private static final AtomicInteger EVENT_IDS = new AtomicInteger();

    final SlaConfig config;
    final TopologyTestDriver driver;
    final TestInputTopic<String, TicketEvent> events;
    final TestInputTopic<String, byte[]> rawEvents;
    final TestOutputTopic<String, SlaAlert> alerts;
    final TestOutputTopic<String, SlaStatus> status;
    final TestOutputTopic<String, TicketEvent> eventsOut;
    final TestOutputTopic<String, DeadLetter> deadLetters;
    private Instant now;

    SlaDriver(Path stateDir, Instant start) {
        this(config(stateDir), start);
    }

    SlaDriver(SlaConfig config, Instant start) {
        this(config, start, SlaMonitor.streamsProperties(config), new SimpleMeterRegistry());
    }

    /** With the topology's meters (alert counts, the check timer) in {@code meters}. */
    SlaDriver(Path stateDir, Instant start, MeterRegistry meters) {
        this(config(stateDir), start, SlaMonitor.streamsProperties(config(stateDir)), meters);
    }

    /**
     * The test driver loses the dead-letter records of a deserialization handler under
     * exactly-once (they stay in its mock producer's open transaction), so the dead-letter test runs
     * at-least-once; SlaMonitorIT checks dead letters under exactly-once on a real broker.
     */
    static SlaDriver atLeastOnce(Path stateDir, Instant start) {
        SlaConfig config = config(stateDir);
        Properties props = SlaMonitor.streamsProperties(config);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        return new SlaDriver(config, start, props, new SimpleMeterRegistry());
    }

    private SlaDriver(SlaConfig config, Instant start, Properties props, MeterRegistry meters) {
        this.config = config;
        this.now = start;
        this.driver = new TopologyTestDriver(SlaMonitor.buildTopology(config, meters), props, start);
        Topics topics = config.kafka().topics();
        events = driver.createInputTopic(
                topics.ticketEvents().name(),
                topics.ticketEvents().keySerde().serializer(),
                topics.ticketEvents().valueSerde().serializer());
        rawEvents = driver.createInputTopic(
                topics.ticketEvents().name(), new StringSerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(
                topics.slaAlerts().name(),
                topics.slaAlerts().keySerde().deserializer(),
                topics.slaAlerts().valueSerde().deserializer());
        status = driver.createOutputTopic(
                topics.slaStatus().name(),
                topics.slaStatus().keySerde().deserializer(),
                topics.slaStatus().valueSerde().deserializer());
        eventsOut = driver.createOutputTopic(
                topics.ticketEvents().name(),
                topics.ticketEvents().keySerde().deserializer(),
                topics.ticketEvents().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(
                topics.deadLetter().name(),
                topics.deadLetter().keySerde().deserializer(),
                topics.deadLetter().valueSerde().deserializer());
    }

    static SlaConfig config(Path stateDir) {
        ConfigLoader loader = new ConfigLoader(Map.of());
        Calendars calendars = Calendars.parse(loader, "calendars.yaml", CALENDARS);
        SlaConfig config = SlaConfig.parse(loader, "sla.yaml", POLICIES, calendars);
        return config.withKafka(KafkaSettings.defaults()
                .withBootstrapServers("unused:9092")
                .withTopicPrefix("test.")
                .withStateDir(stateDir));
    }

    Instant now() {
        return now;
    }

    /** Moves the wall clock (and runs the wall-clock check once, as the driver does). */
    void advanceTo(Instant t) {
        if (t.isBefore(now)) {
            throw new IllegalArgumentException("time goes forward: " + t + " is before " + now);
        }
        driver.advanceWallClockTime(Duration.between(now, t));
        now = t;
    }

    void advance(Duration d) {
        advanceTo(now.plus(d));
    }

    /** An event that happens now, written by the router (with the ticket's summary) or the helpdesk. */
    void send(TicketEvent event) {
        events.pipeInput(event.getTicketId(), event, now);
    }

    List<SlaAlert> newAlerts() {
        return alerts.readValuesToList();
    }

    /** The latest status of each ticket written since the last call; a null value is a tombstone. */
    List<KeyValue<String, SlaStatus>> newStatuses() {
        return status.readKeyValuesToList();
    }

    List<TicketEvent> newEscalations() {
        return eventsOut.readValuesToList().stream()
                .filter(e -> e.getType() == TicketEventType.SLA_ESCALATION)
                .toList();
    }

    KeyValueStore<String, String> deadlines() {
        return driver.getKeyValueStore(SlaMonitor.DEADLINES_STORE);
    }

    KeyValueStore<String, TicketSla> tickets() {
        return driver.getKeyValueStore(SlaMonitor.TICKETS_STORE);
    }

    /** Every record the stores wrote to their changelogs, in order: what a restarted instance restores. */
    Map<String, List<KeyValue<byte[], byte[]>>> changelogs() {
        String app = config.kafka().topicPrefix() + SlaMonitor.APPLICATION_ID;
        Map<String, List<KeyValue<byte[], byte[]>>> logs = new java.util.LinkedHashMap<>();
        for (String store : List.of(SlaMonitor.TICKETS_STORE, SlaMonitor.DEADLINES_STORE)) {
            TestOutputTopic<byte[], byte[]> changelog = driver.createOutputTopic(
                    app + "-" + store + "-changelog", new ByteArrayDeserializer(), new ByteArrayDeserializer());
            logs.put(store, new ArrayList<>(changelog.readKeyValuesToList()));
        }
        return logs;
    }

    /** Restores the stores from changelog records, as Kafka Streams does when an instance starts. */
    void restore(Map<String, List<KeyValue<byte[], byte[]>>> logs) {
        restore(tickets(), logs.get(SlaMonitor.TICKETS_STORE), new TicketStateSerde());
        restore(deadlines(), logs.get(SlaMonitor.DEADLINES_STORE), Topics.KEYS);
    }

    private static <V> void restore(
            KeyValueStore<String, V> store,
            List<KeyValue<byte[], byte[]>> records,
            org.apache.kafka.common.serialization.Serde<V> values) {
        for (KeyValue<byte[], byte[]> r : records) {
            String key = Topics.KEYS.deserializer().deserialize("changelog", r.key);
            if (r.value == null) {
                store.delete(key);
            } else {
                store.put(key, values.deserializer().deserialize("changelog", r.value));
            }
        }
    }

    @Override
    public void close() {
        driver.close();
    }

    // ---------------------------------------------------------------- events

    static TicketSummary summary(Priority priority, Channel channel, String tier, String team, String assignee) {
        return TicketSummary.newBuilder()
                .setPriority(priority)
                .setChannel(channel)
                .setCustomerTier(tier)
                .setTeam(team)
                .setAssignee(assignee)
                .build();
    }

    static TicketSummary summary(Priority priority) {
        return summary(priority, Channel.EMAIL, null, "billing", "amira");
    }

    private TicketEvent.Builder event(String ticket, TicketEventType type, EventOrigin origin) {
        return TicketEvent.newBuilder()
                .setEventId(ticket + ":" + type + ":" + EVENT_IDS.incrementAndGet())
                .setTicketId(ticket)
                .setType(type)
                .setOrigin(origin)
                .setOccurredAt(now);
    }

    TicketEvent created(String ticket, TicketSummary summary) {
        return event(ticket, TicketEventType.CREATED, EventOrigin.ROUTER)
                .setStatus(TicketStatus.NEW)
                .setTicket(summary)
                .build();
    }

    TicketEvent created(String ticket) {
        return created(ticket, summary(Priority.NORMAL));
    }

    TicketEvent customerMessage(String ticket) {
        return event(ticket, TicketEventType.CUSTOMER_MESSAGE, EventOrigin.ROUTER)
                .setTicket(summary(Priority.NORMAL))
                .build();
    }

    TicketEvent agentReply(String ticket) {
        return event(ticket, TicketEventType.AGENT_REPLIED, EventOrigin.HELPDESK)
                .setAgentId("amira")
                .build();
    }

    TicketEvent socialEcho(String ticket) {
        return event(ticket, TicketEventType.AGENT_REPLIED, EventOrigin.SOCIAL_ECHO)
                .build();
    }

    TicketEvent internalNote(String ticket) {
        return event(ticket, TicketEventType.AGENT_REPLIED, EventOrigin.HELPDESK)
                .setAgentId("amira")
                .setPublicReply(false)
                .build();
    }

    TicketEvent status(String ticket, TicketStatus status) {
        return event(ticket, TicketEventType.STATUS_CHANGED, EventOrigin.HELPDESK)
                .setStatus(status)
                .build();
    }

    TicketEvent reopened(String ticket) {
        return event(ticket, TicketEventType.REOPENED, EventOrigin.ROUTER)
                .setStatus(TicketStatus.OPEN)
                .setTicket(summary(Priority.NORMAL))
                .build();
    }

    TicketEvent merged(String ticket) {
        return event(ticket, TicketEventType.MERGED, EventOrigin.HELPDESK)
                .setAttributes(Map.of("mergedInto", "SB-9"))
                .build();
    }

    TicketEvent priorityChanged(String ticket, Priority priority) {
        return event(ticket, TicketEventType.PRIORITY_CHANGED, EventOrigin.ROUTER)
                .setTicket(summary(priority))
                .setReasons(List.of("customer said it is urgent"))
                .build();
    }
}
