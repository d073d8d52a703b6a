package dev.switchboard.bench;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.events.Agent;
import dev.switchboard.events.AgentPresence;
import dev.switchboard.events.Assignment;
import dev.switchboard.events.AssignmentAction;
import dev.switchboard.events.Channel;
import dev.switchboard.events.CustomerIdentity;
import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.IntentDecision;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.Priority;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.events.TicketSummary;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.router.TicketAssigner;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench assignment}: what one assignment decision costs with a long queue
 * against a short one. Both run the assigner's real topology and RocksDB stores in Kafka Streams'
 * test driver, side by side in one JVM, so only the queue's length differs: no broker, network
 * or commit in the figure, which is the engine's own cost per decision.
 */
@Command(
        name = "assignment",
        mixinStandardHelpOptions = true,
        description = "Cost of one assignment decision with a long queue waiting against a short one.")
final class AssignmentBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

    @Option(names = "--waiting", defaultValue = "100000", description = "The long queue (default: ${DEFAULT-VALUE}).")
    int waiting;

    @Option(
            names = "--baseline-waiting",
            defaultValue = "100",
            description = "The short queue (default: ${DEFAULT-VALUE}).")
    int baselineWaiting;

    @Option(
            names = "--decisions",
            defaultValue = "5000",
            description = "Measured decisions of each kind per side (default: ${DEFAULT-VALUE}).")
    int decisions;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "config/router.yaml",
            description = "The router's configuration (default: ${DEFAULT-VALUE}).")
    Path config;

    private static final int AGENTS = 10;

    @Override
    public Integer call() throws IOException {
        String command = "switchboard bench assignment --waiting " + waiting + " --baseline-waiting " + baselineWaiting
                + " --decisions " + decisions;
        RouterConfig file = RouterConfig.load(ConfigLoader.fromEnvironment(), config);
        Path dir = options.dataDir().orElse(Files.createTempDirectory("switchboard-bench-assignment-"));
        BenchReport report = new BenchReport("assignment", command);
        try (Side small = new Side(file, dir.resolve("short"), baselineWaiting);
                Side large = new Side(file, dir.resolve("long"), waiting)) {
            // Interleaved rounds, so both sides see the same machine.
            int round = Math.max(1, decisions / 20);
            small.decide(round);
            large.decide(round);
            small.reset();
            large.reset();
            for (int done = 0; done < decisions; done += round) {
                small.decide(round);
                large.decide(round);
            }
            compare(report, "queue a new ticket (everyone busy)", large.enqueue, small.enqueue);
            compare(report, "assign the queue's head to a freed agent", large.drain, small.drain);
            report.note("long queue " + large.queued() + " waiting, short " + small.queued() + "; " + AGENTS
                    + " agents of capacity 1; mean of " + large.drain.getTotalCount() + " decisions of each kind");
        }
        PrintWriter out = spec.commandLine().getOut();
        report.print(out);
        report.writeJson(options.out().resolve("assignment.json"));
        out.println("JSON: " + options.out().resolve("assignment.json"));
        return 0;
    }

    private void compare(BenchReport report, String what, Histogram large, Histogram small) {
        double l = large.getMean();
        double s = small.getMean();
        report.compare(
                what + " (" + waiting + " vs " + baselineWaiting + " waiting)",
                l,
                s,
                "µs/decision",
                "≤ 2× the short queue",
                l <= 2 * s);
        report.note(
                what + ": p99 " + large.getValueAtPercentile(99) + " µs vs " + small.getValueAtPercentile(99) + " µs");
    }

    /** One assigner with a queue of a given length kept constant while decisions are measured. */
    private static final class Side implements AutoCloseable {
        private final TopologyTestDriver driver;
        private final TestInputTopic<String, TicketEvent> events;
        private final TestOutputTopic<String, Assignment> assignments;
        private final Deque<String> assigned = new ArrayDeque<>();
        private final Instant now = Instant.now();
        private Histogram enqueue = new Histogram(3_600_000_000L, 3);
        private Histogram drain = new Histogram(3_600_000_000L, 3);
        private long ticket;

        Side(RouterConfig file, Path stateDir, int waiting) throws IOException {
            Files.createDirectories(stateDir);
            RouterConfig config = file.withKafka(KafkaSettings.defaults().withStateDir(stateDir));
            Properties p = TicketAssigner.streamsProperties(config);
            // The driver runs one record at a time; the guarantee changes nothing it measures.
            p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
            driver = new TopologyTestDriver(TicketAssigner.buildTopology(config, new SimpleMeterRegistry()), p, now);
            Topics topics = Topics.DEFAULT;
            events = driver.createInputTopic(
                    topics.ticketEvents().name(),
                    topics.ticketEvents().keySerde().serializer(),
                    topics.ticketEvents().valueSerde().serializer());
            assignments = driver.createOutputTopic(
                    topics.assignments().name(),
                    topics.assignments().keySerde().deserializer(),
                    topics.assignments().valueSerde().deserializer());
            var agents = driver.createInputTopic(
                    topics.agents().name(),
                    topics.agents().keySerde().serializer(),
                    topics.agents().valueSerde().serializer());
            var presence = driver.createInputTopic(
                    topics.agentPresence().name(),
                    topics.agentPresence().keySerde().serializer(),
                    topics.agentPresence().valueSerde().serializer());
            for (Agent a : BenchTeam.of(AGENTS, now)) {
                Agent one = Agent.newBuilder(a)
                        .setCapacity(dev.switchboard.events.Capacity.newBuilder()
                                .setTotal(1)
                                .build())
                        .build();
                agents.pipeInput(one.getId(), one, now);
                presence.pipeInput(
                        one.getId(), new AgentPresence(one.getId(), PresenceStatus.ONLINE, now, "bench"), now);
            }
            for (int i = 0; i < AGENTS + waiting; i++) {
                events.pipeInput("T-" + ticket, created(), now);
            }
            collect();
        }

        /** {@code n} rounds of: a new ticket queues, an assigned ticket is solved and the head is assigned. */
        void decide(int n) {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                events.pipeInput("T-" + ticket, created(), now);
                long t1 = System.nanoTime();
                String solved = assigned.removeFirst();
                events.pipeInput(solved, solved(solved), now);
                long t2 = System.nanoTime();
                enqueue.recordValue((t1 - t0) / 1000);
                drain.recordValue((t2 - t1) / 1000);
                collect();
            }
        }

        void reset() {
            enqueue = new Histogram(3_600_000_000L, 3);
            drain = new Histogram(3_600_000_000L, 3);
        }

        /** Tickets waiting, as the assigner's own bucket counts say. */
        long queued() {
            org.apache.kafka.streams.state.KeyValueStore<String, Long> buckets =
                    driver.getKeyValueStore(TicketAssigner.BUCKETS_STORE);
            long waiting = 0;
            try (var all = buckets.all()) {
                while (all.hasNext()) {
                    waiting += all.next().value;
                }
            }
            return waiting;
        }

        private void collect() {
            for (Assignment a : assignments.readValuesToList()) {
                if (a.getAction() == AssignmentAction.ASSIGNED) {
                    assigned.addLast(a.getTicketId());
                }
            }
        }

        /** A router's CREATED event for the next ticket: the sample mix of intents, languages and channels. */
        private TicketEvent created() {
            long n = ticket++;
            String[] intents = {"order_status", "delivery_problem", "return", "product_question", "complaint"};
            Channel[] channels = {Channel.EMAIL, Channel.WHATSAPP, Channel.WEB};
            Priority[] priorities = {Priority.NORMAL, Priority.NORMAL, Priority.HIGH, Priority.LOW, Priority.URGENT};
            TicketSummary summary = TicketSummary.newBuilder()
                    .setChannel(channels[(int) (n % channels.length)])
                    .setConversationKey("bench:" + n)
                    .setCustomer(CustomerIdentity.newBuilder()
                            .setAddress("customer" + n + "@mail.example")
                            .build())
                    .setIntent(IntentDecision.newBuilder()
                            .setIntent(intents[(int) (n % intents.length)])
                            .build())
                    .setLanguage(n % 3 == 0 ? "ar" : "en")
                    .setPriority(priorities[(int) (n % priorities.length)])
                    .setRoutingGroup("default")
                    .setTeam("support")
                    .setStatus(TicketStatus.NEW)
                    .setCustomerMessages(1)
                    .setCreatedAt(now)
                    .build();
            return TicketEvent.newBuilder()
                    .setEventId("T-" + n + ":created")
                    .setTicketId("T-" + n)
                    .setType(TicketEventType.CREATED)
                    .setOrigin(EventOrigin.ROUTER)
                    .setOccurredAt(now)
                    .setTicket(summary)
                    .setSourceReceivedAt(now)
                    .build();
        }

        private TicketEvent solved(String id) {
            return TicketEvent.newBuilder()
                    .setEventId(id + ":solved")
                    .setTicketId(id)
                    .setType(TicketEventType.STATUS_CHANGED)
                    .setOrigin(EventOrigin.HELPDESK)
                    .setOccurredAt(now)
                    .setStatus(TicketStatus.SOLVED)
                    .setAttributes(java.util.Map.of())
                    .setReasons(List.of())
                    .build();
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}
