package dev.switchboard.sla;

import dev.switchboard.events.SlaAlert;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.DeadLetters;
import dev.switchboard.schemas.Topic;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLA monitor: reads ticket events, runs each ticket's SLA clocks on business calendars, and
 * writes alerts (WARNING, BREACHED, MET_LATE) to {@code support.sla.alerts}, each ticket's SLA state
 * to the compacted {@code support.sla.status}, and an {@code SLA_ESCALATION} event to
 * {@code support.tickets.events} on a breach. Alerts fire within a second of their moment on the
 * wall clock, even when no events arrive; each fires once (exactly-once processing).
 */
public final class SlaMonitor implements AutoCloseable {
    public static final String APPLICATION_ID = "sla-monitor";
    /** Each ticket's clocks (JSON), by ticket id. */
    public static final String TICKETS_STORE = "sla-tickets";
    /** Each ticket's next deadline, keyed by zero-padded due epoch millis + ticket id. */
    public static final String DEADLINES_STORE = "sla-deadlines";

    /** The duration of each wall-clock check for due alerts (all tasks of this instance). */
    public static final String CHECK_TIMER = "switchboard.sla.check";

    private static final Logger log = LoggerFactory.getLogger(SlaMonitor.class);

    private final SlaConfig config;
    private final MeterRegistry meters;
    private volatile Consumer<Throwable> onFailure = e -> {};
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;

    public SlaMonitor(SlaConfig config) {
        this(config, new SimpleMeterRegistry());
    }

    /**
     * @param meters gets {@code switchboard.sla.alerts} by policy, metric and level, the
     *     {@value #CHECK_TIMER} timer, and Kafka Streams' own metrics
     */
    public SlaMonitor(SlaConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
    }

    /** The topology production and tests share. */
    public static Topology buildTopology(SlaConfig config) {
        return buildTopology(config, new SimpleMeterRegistry());
    }

    /** The topology, counting the alerts it writes and timing its checks in {@code meters}. */
    public static Topology buildTopology(SlaConfig config, MeterRegistry meters) {
        Topics topics = config.kafka().topics();
        Topic<String, TicketEvent> events = topics.ticketEvents();
        SlaRules rules = SlaRules.of(config);
        Timer checks = Timer.builder(CHECK_TIMER)
                .description("How long each wall-clock check for due alerts takes")
                .register(meters);
        // The topology sees the application's settings, not a default configuration of its own.
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties(config))));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TICKETS_STORE), Serdes.String(), new TicketStateSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DEADLINES_STORE), Serdes.String(), Serdes.String()));

        KStream<String, SlaOutput> outputs = builder.stream(
                        events.name(),
                        Consumed.with(events.keySerde(), events.valueSerde()).withName("ticket-events"))
                .process(
                        () -> new SlaProcessor(rules, config.checkEvery(), checks),
                        Named.as("sla-clocks"),
                        TICKETS_STORE,
                        DEADLINES_STORE);

        outputs.filter((ticket, out) -> out instanceof SlaOutput.Alert, Named.as("alerts"))
                .mapValues(out -> ((SlaOutput.Alert) out).alert(), Named.as("alert-records"))
                .peek((ticket, alert) -> countAlert(meters, alert), Named.as("alert-metrics"))
                .to(topics.slaAlerts().name(), producedTo(topics.slaAlerts(), "sla-alerts"));
        outputs.filter(
                        (ticket, out) ->
                                out instanceof SlaOutput.StatusUpdate || out instanceof SlaOutput.StatusRemoved,
                        Named.as("statuses"))
                .mapValues(SlaOutput::statusOrTombstone, Named.as("status-records"))
                .to(topics.slaStatus().name(), producedTo(topics.slaStatus(), "sla-status"));
        outputs.filter((ticket, out) -> out instanceof SlaOutput.Escalation, Named.as("escalations"))
                .mapValues(out -> ((SlaOutput.Escalation) out).event(), Named.as("escalation-events"))
                .to(events.name(), producedTo(events, "sla-escalations"));
        return builder.build();
    }

    private static void countAlert(MeterRegistry meters, SlaAlert alert) {
        meters.counter(
                        "switchboard.sla.alerts",
                        "policy",
                        alert.getPolicy(),
                        "metric",
                        alert.getMetric().name(),
                        "level",
                        alert.getLevel().name())
                .increment();
    }

    private static <V> Produced<String, V> producedTo(Topic<String, V> topic, String sinkName) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(sinkName);
    }

    /** Streams settings: the shared ones plus dead letters for input that cannot be used. */
    public static Properties streamsProperties(SlaConfig config) {
        Properties p = ClientProperties.streams(config.kafka(), APPLICATION_ID);
        DeadLetters.install(p, config.kafka().topics(), APPLICATION_ID);
        return p;
    }

    /** Called once if the application stops on an error it cannot handle. */
    public void onFailure(Consumer<Throwable> listener) {
        this.onFailure = listener;
    }

    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        streams = new KafkaStreams(buildTopology(config, meters), streamsProperties(config));
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meters);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("SLA monitor stopped on an unexpected error", e);
            onFailure.accept(e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        log.info("SLA monitor starting: policies {}", config.policies());
        streams.start();
    }

    /** The Streams state, e.g. RUNNING; NOT_RUNNING before start. */
    public synchronized KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.NOT_RUNNING : streams.state();
    }

    /**
     * Kafka Streams' own metrics as they are now (none before start), e.g. RocksDB's compaction and
     * memory figures: the meter registry picks up metrics created after start only once a minute.
     */
    public synchronized Map<MetricName, ? extends Metric> metrics() {
        return streams == null ? Map.of() : streams.metrics();
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            // Leave the group, so another instance takes over these tickets' deadlines at once rather
            // than after the session timeout: alerts would be that late.
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
