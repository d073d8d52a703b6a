package dev.switchboard.bench;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.router.understanding.MessageAnalyzer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench router}: the router's throughput over a backlog and its latency at
 * half of that rate, each against a pass-through Kafka Streams application on the same broker with
 * the same serde and exactly_once_v2; and what the router keeps per open ticket.
 */
@Command(
        name = "router",
        mixinStandardHelpOptions = true,
        description = "Router throughput and latency against a pass-through Streams app on the same broker, and its"
                + " memory per open ticket.")
final class RouterBench implements Callable<Integer> {
    /** Fewer new tickets than this in the latency run and a heap difference over them is noise. */
    private static final long MIN_ADDED_TICKETS = 1_000;

    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

    @Option(names = "--messages", defaultValue = "200000", description = "Backlog size (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--agents", defaultValue = "50", description = "Agents on shift (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(
            names = "--follow-ups",
            defaultValue = "0.2",
            description = "Share of messages in an existing conversation (default: ${DEFAULT-VALUE}).")
    double followUps;

    @Option(
            names = "--latency-duration",
            defaultValue = "PT30S",
            description = "How long to send at half the router's rate for latency, ISO-8601 (default: ${DEFAULT-VALUE};"
                    + " PT0S skips it).")
    Duration latencyDuration;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description = "Stream threads of each Streams application, both sides (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "config/router.yaml",
            description = "The router's configuration, rules and assignment settings (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(
            names = "--warmup",
            defaultValue = "20000",
            description = "Messages through both sides first, not recorded, so that the JIT compiler's work does not"
                    + " fall into the measurement (default: ${DEFAULT-VALUE}; 0 skips it).")
    int warmup;

    @Override
    public Integer call() throws IOException {
        String command = "switchboard bench router --messages " + messages + " --agents " + agents + " --threads "
                + threads + " --latency-duration " + latencyDuration + " --warmup " + warmup;
        BenchReport report = new BenchReport("router", command);
        RouterConfig file = RouterConfig.load(ConfigLoader.fromEnvironment(), config);
        try (BenchKafka kafka = BenchKafka.open(options)) {
            if (warmup > 0) {
                warmUp(
                        kafka,
                        file,
                        new Plan(warmup, agents, followUps, Duration.ZERO, threads, Optional.empty()),
                        report);
            }
            Result r =
                    run(kafka, file, new Plan(messages, agents, followUps, latencyDuration, threads, Optional.empty()));
            r.into(report);
        }
        PrintWriter out = spec.commandLine().getOut();
        report.print(out);
        report.writeJson(options.out().resolve("router.json"));
        out.println("JSON: " + options.out().resolve("router.json"));
        return 0;
    }

    /** What one run does. */
    record Plan(
            int messages, int agents, double followUps, Duration latency, int threads, Optional<Integer> partitions) {}

    /** Tickets the latency run opened, and how the heap after GC changed meanwhile. */
    record AddedTickets(long tickets, long heapBytes) {}

    /** What one run measured. */
    record Result(
            Plan plan,
            Runs.Throughput baseline,
            Runs.Throughput router,
            long tickets,
            long heapPerTicketBytes,
            Optional<AddedTickets> added,
            long stateBytes,
            Optional<Histogram> baselineLatency,
            Optional<Histogram> routerLatency,
            Optional<Histogram> routerFirstHop,
            double latencyRate,
            String threadTime) {

        void into(BenchReport report) {
            double ratio = router.perSecond() / baseline.perSecond();
            report.compare(
                    "throughput (" + plan.messages() + " messages)",
                    router.perSecond(),
                    baseline.perSecond(),
                    "msg/s",
                    "≥ 0.8× baseline",
                    ratio >= 0.8);
            if (!router.complete() || !baseline.complete()) {
                report.note("INCOMPLETE: router handled " + router.messages() + ", baseline " + baseline.messages()
                        + " of " + plan.messages() + " messages before stalling");
            }
            if (routerLatency.isPresent() && baselineLatency.isPresent()) {
                Histogram b = baselineLatency.get();
                Histogram s = routerLatency.get();
                report.compare(
                        String.format(java.util.Locale.ROOT, "latency p99 at %.0f msg/s", latencyRate),
                        s.getValueAtPercentile(99) / 1000.0,
                        b.getValueAtPercentile(99) / 1000.0,
                        "ms",
                        "≤ 2× baseline",
                        s.getValueAtPercentile(99) <= 2 * b.getValueAtPercentile(99));
                report.compare(
                        "latency p50",
                        s.getValueAtPercentile(50) / 1000.0,
                        b.getValueAtPercentile(50) / 1000.0,
                        "ms",
                        null,
                        null);
                report.note("router latency (receipt → assignment record): " + Runs.percentiles(s));
                routerFirstHop.ifPresent(
                        h -> report.note("router first hop (receipt → ticket event): " + Runs.percentiles(h)));
                report.note("pass-through latency (ingest → output record): " + Runs.percentiles(b));
            }
            String heapGoal = "≤ 1 KB (1M open in 1 GB)";
            added.ifPresent(a -> {
                long perTicket = Math.max(0, a.heapBytes()) / a.tickets();
                report.report("router heap per added open ticket", perTicket, "bytes", heapGoal, perTicket <= 1024);
                report.note(String.format(
                        java.util.Locale.ROOT,
                        "heap per added open ticket: heap after GC changed by %+.1f MB while the latency run opened"
                                + " %d more tickets (0 when it fell), weighed before and after it with nothing in"
                                + " flight; the stores are in RocksDB, off-heap",
                        a.heapBytes() / 1e6,
                        a.tickets()));
            });
            boolean whole = added.isEmpty();
            report.report(
                    "router heap growth over the run per open ticket",
                    heapPerTicketBytes,
                    "bytes",
                    whole ? heapGoal : null,
                    whole ? heapPerTicketBytes <= 1024 : null);
            report.note("heap growth over the run: after GC, from before the router started to the end of the"
                    + " throughput run, over its open tickets; Kafka Streams' record caches and the clients'"
                    + " buffers included, which fill with the load whatever the number of tickets");
            report.report(
                    "router state-store bytes per open ticket",
                    tickets == 0 ? 0 : (double) stateBytes / tickets,
                    "bytes",
                    "≤ 4 KB",
                    tickets > 0 && stateBytes / tickets <= 4096);
            report.note("stream threads at the end of the throughput run (last 30 s): " + threadTime);
            report.note(tickets + " open tickets after " + plan.messages() + " messages; " + plan.agents() + " agents; "
                    + plan.threads() + " stream thread(s) per application");
        }
    }

    /**
     * Runs the plan unrecorded: the JVM compiles the Streams, Avro and router code during the first
     * run, and without a warm-up the first figures (both sides) would measure the compiler.
     */
    static void warmUp(BenchKafka kafka, RouterConfig file, Plan plan, BenchReport report) {
        run(kafka, file, plan);
        report.note("a warm-up of " + plan.messages() + " messages through both sides ran first and is not recorded");
    }

    static Result run(BenchKafka kafka, RouterConfig file, Plan plan) {
        Map<String, String> props = Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(plan.threads()));
        KafkaSettings passNs = kafka.namespace("pass", props, plan.partitions());
        KafkaSettings routerNs = kafka.namespace("router", props, plan.partitions());
        RouterConfig config = file.withKafka(routerNs);
        Instant now = Instant.now();
        BenchTeam.publish(routerNs, BenchTeam.of(plan.agents(), now), now);
        Duration idle = Duration.ofSeconds(60);
        // The same messages, in the same order, for both sides.
        try (Traffic toPass = new Traffic(passNs, 42, plan.followUps());
                Traffic toRouter = new Traffic(routerNs, 42, plan.followUps())) {
            toPass.backlog(plan.messages());
            toRouter.backlog(plan.messages());
            MessageAnalyzer analyzer = new MessageAnalyzer(config.rules());
            // The language models load on first use: tens of MB that belong to the service, not
            // to its open tickets.
            analyzer.analyze(Optional.empty(), "where is my order?", Optional.empty(), "email");
            analyzer.analyze(Optional.empty(), "وين طلبي؟", Optional.empty(), "whatsapp");
            try (PassThroughSubject pass = new PassThroughSubject(passNs);
                    RouterSubject router = new RouterSubject(config, analyzer)) {
                pass.start();
                Runs.Throughput baseline = Runs.throughput(pass, plan.messages(), idle);
                long heapBefore = Runs.usedHeapAfterGc();
                router.start();
                Runs.Throughput routed = Runs.throughput(router, plan.messages(), idle);
                String threadTime = router.threadTime();
                long heapAfter = Runs.usedHeapAfterGc();
                long tickets = router.tickets();
                long heapPerTicket = tickets == 0 ? 0 : Math.max(0, heapAfter - heapBefore) / tickets;
                long stateBytes = BenchKafka.sizeOf(routerNs.stateDir().orElseThrow());
                if (plan.latency().isZero()) {
                    return new Result(
                            plan,
                            baseline,
                            routed,
                            tickets,
                            heapPerTicket,
                            Optional.empty(),
                            stateBytes,
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            0,
                            threadTime);
                }
                double rate = Math.max(1, routed.perSecond() / 2);
                pass.takeLatencies();
                toPass.paced(rate, plan.latency());
                Runs.await(pass, plan.messages() + sent(rate, plan.latency()), idle);
                Histogram passLatency = pass.takeLatencies();
                router.takeLatencies();
                router.takeFirstHopLatencies();
                toRouter.paced(rate, plan.latency());
                Runs.await(router, plan.messages() + sent(rate, plan.latency()), idle);
                Optional<Histogram> routerLatency = Optional.of(router.takeLatencies());
                Optional<Histogram> routerFirstHop = Optional.of(router.takeFirstHopLatencies());
                // Both weighed with nothing in flight, and the caches and pooled buffers already at
                // their size: what the latency run's new tickets add.
                long added = router.tickets() - tickets;
                long heapAdded = Runs.usedHeapAfterGc() - heapAfter;
                Optional<AddedTickets> addedTickets =
                        added < MIN_ADDED_TICKETS ? Optional.empty() : Optional.of(new AddedTickets(added, heapAdded));
                return new Result(
                        plan,
                        baseline,
                        routed,
                        tickets,
                        heapPerTicket,
                        addedTickets,
                        stateBytes,
                        Optional.of(passLatency),
                        routerLatency,
                        routerFirstHop,
                        rate,
                        threadTime);
            }
        }
    }

    /** How many messages {@link Traffic#paced} sends. */
    private static long sent(double rate, Duration d) {
        long interval = (long) (1_000_000_000L / rate);
        return (d.toNanos() + interval - 1) / interval;
    }
}
