package dev.switchboard.bench;

import dev.switchboard.config.Durations;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.sla.SlaConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code switchboard bench sla}: are SLA alerts on time with a million open tickets, and does the
 * wall-clock check cost the same with a million open tickets as with ten thousand? Two SLA
 * monitors run side by side in this JVM on one broker with the same settings, one holding
 * {@code --open} tickets and one {@code --baseline-open}; both get the same measured tickets, due
 * spread over the window and in a burst in one instant (see {@link SlaPlan}, {@link SlaRun}).
 *
 * <p>Limits: both monitors and the load share the machine (as they share its noise); one stream
 * thread and three partitions each, as in production's defaults; RocksDB's off-heap memory is not
 * measured.
 */
@Command(
        name = "sla",
        mixinStandardHelpOptions = true,
        description = "SLA alert lateness with many open tickets and a burst due in the same second, and the"
                + " wall-clock check's cost with --open vs --baseline-open open tickets (goals: p99 lateness ≤ 1 s,"
                + " check time ≤ 1.5× the baseline's).")
final class SlaBench implements Callable<Integer> {
    private static final double LATENESS_GOAL_MS = 1_000;
    private static final double CHECK_RATIO_GOAL = 1.5;
    private static final double STATE_GOAL_BYTES = 1_024;

    @Mixin
    BenchOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--open",
            paramLabel = "N",
            defaultValue = "1000000",
            description = "Open tickets in the measured monitor (default: ${DEFAULT-VALUE}).")
    int open;

    @Option(
            names = "--baseline-open",
            paramLabel = "N",
            defaultValue = "10000",
            description = "Open tickets in the baseline monitor (default: ${DEFAULT-VALUE}).")
    int baselineOpen;

    @Option(
            names = "--burst",
            paramLabel = "N",
            defaultValue = "4000",
            description = "Tickets due in the same instant, a third into the window (two thirds for the baseline)"
                    + " (default: ${DEFAULT-VALUE}).")
    int burst;

    @Option(
            names = "--spread",
            paramLabel = "DURATION",
            defaultValue = "3h",
            description = "The open tickets' deadlines are spread over this much time; the window gets the same density"
                    + " (default: ${DEFAULT-VALUE}).")
    String spread;

    @Option(
            names = "--measure",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "The measurement window (default: ${DEFAULT-VALUE}).")
    String measure;

    @Override
    public Integer call() throws Exception {
        SlaPlan plan =
                new SlaPlan(open, baselineOpen, burst, duration("--spread", spread), duration("--measure", measure));
        plan.problem().ifPresent(p -> {
            throw new CommandLine.ParameterException(spec.commandLine(), p);
        });
        PrintWriter progress = spec.commandLine().getErr();
        BenchReport report = new BenchReport("sla", command());
        SlaRun.Results results;
        long[] stateBytes;
        try (BenchKafka kafka = BenchKafka.open(options)) {
            SlaConfig policy = plan.policy(kafka.dataDir());
            KafkaSettings cluster = KafkaSettings.defaults().withBootstrapServers(kafka.bootstrapServers());
            Path[] stateDirs;
            try (SlaSide large = SlaSide.start(kafka, "sla-large", policy);
                    SlaSide small = SlaSide.start(kafka, "sla-small", policy);
                    Admin admin = Admin.create(ClientProperties.base(cluster))) {
                results = new SlaRun(plan, policy, kafka, large, small, admin, progress).run();
                stateDirs = new Path[] {large.stateDir(), small.stateDir()};
            }
            // Under exactly-once, RocksDB's memtables reach the disk when the stores close, not at each
            // commit: only a closed monitor's directory holds all its state.
            stateBytes = new long[] {BenchKafka.sizeOf(stateDirs[0]), BenchKafka.sizeOf(stateDirs[1])};
        }
        figures(plan, results, stateBytes, report);
        report.print(spec.commandLine().getOut());
        report.writeJson(options.out().resolve("sla.json"));
        return 0;
    }

    private static void figures(SlaPlan plan, SlaRun.Results r, long[] stateBytes, BenchReport report) {
        SlaRun.Side l = r.large();
        SlaRun.Side s = r.small();
        AlertTally la = l.alerts();
        AlertTally sa = s.alerts();

        lateness(report, "spread alerts, due → at consumer", la.spreadArrival(), sa.spreadArrival());
        lateness(report, "burst alerts, due → at consumer", la.burstArrival(), sa.burstArrival());
        report.compare(
                "spread alerts, due → firedAt p99",
                percentile(la.spreadFired(), 99),
                percentile(sa.spreadFired(), 99),
                "ms");
        report.compare(
                "burst alerts, due → firedAt p99",
                percentile(la.burstFired(), 99),
                percentile(sa.burstFired(), 99),
                "ms");

        report.compare("measured alerts expected", la.expected(), sa.expected(), "alerts");
        report.compare(
                "measured alerts arrived",
                la.arrivedOnce(),
                sa.arrivedOnce(),
                "alerts",
                "all, on both",
                la.missing() == 0 && sa.missing() == 0);
        zero(report, "alerts missing", la.missing(), sa.missing());
        zero(report, "alerts duplicated", la.duplicates(), sa.duplicates());
        zero(report, "alerts not measured (background tickets)", la.unexpected(), sa.unexpected());
        zero(report, "alerts not the planned breach", la.wrong(), sa.wrong());
        zero(report, "alerts before their moment", la.early(), sa.early());

        ratio(report, "check with nothing due, mean", l.idleCheckMean(), s.idleCheckMean());
        ratio(report, "check in the window, mean", l.windowCheckMean(), s.windowCheckMean());
        ratio(report, "check in the window, max (the burst)", l.windowCheckMax(), s.windowCheckMax());
        ratio(report, "Kafka punctuate-latency-avg at window end", l.kafkaPunctuateAvg(), s.kafkaPunctuateAvg());
        ratio(report, "Kafka punctuate-latency-max in the window", l.kafkaPunctuateMax(), s.kafkaPunctuateMax());
        report.compare("checks in the window", l.windowChecks(), s.windowChecks(), "checks");
        report.compare("checks with nothing due (before the window)", l.idleChecks(), s.idleChecks(), "checks");

        report.compare("open tickets", l.open(), s.open(), "tickets");
        report.compare("background load until consumed", seconds(l.load()), seconds(s.load()), "s");
        report.compare(
                "background load rate",
                (l.open() - plan.measured()) / seconds(l.load()),
                (s.open() - plan.measured()) / seconds(s.load()),
                "tickets/s");
        report.compare("RocksDB flushing or compacting after the load", seconds(l.settle()), seconds(s.settle()), "s");
        report.report("measured tickets, until both consumed", seconds(r.measuredLoad()), "s", null, null);

        double largeState = (double) stateBytes[0] / l.open();
        report.compare(
                "state stores on disk per open ticket (closed)",
                largeState,
                (double) stateBytes[1] / s.open(),
                "B",
                "≤ 1,024 B (1M open in 1 GB)",
                largeState <= STATE_GOAL_BYTES);
        report.compare(
                "store changelogs on the broker per open ticket",
                (double) l.changelogBytes() / l.open(),
                (double) s.changelogBytes() / s.open(),
                "B");
        report.compare("RocksDB off-heap memory at window end", l.rocksDbMemory() / 1e6, s.rocksDbMemory() / 1e6, "MB");
        report.report(
                "heap growth after GC per open ticket (both monitors)",
                (double) r.heapGrowth() / (l.open() + s.open()),
                "B",
                null,
                null);

        report.note(String.format(
                Locale.ROOT,
                "one policy, 24/7, first reply %d min, no warnings, check-every 250ms, exactly_once_v2; each"
                        + " ticket's one alert in the run is its first-reply breach; %,d measured tickets on both"
                        + " sides: %,d due evenly over the %s window from %s, %,d due at %s (baseline: at %s, so the"
                        + " bursts do not compete for the machine)",
                plan.firstReplyTarget().toMinutes(),
                plan.measured(),
                plan.dueInWindow(),
                plan.measure(),
                r.windowStart(),
                plan.burst(),
                plan.burstAt(r.windowStart(), false),
                plan.burstAt(r.windowStart(), true)));
        report.note("background tickets due at random over the spread, from " + SlaPlan.LOAD_ALLOWANCE
                + " after the load started (none falls due in the run); the small side was loaded first");
        report.note("lateness: arrival at a read_committed consumer (poll return) or the alert's firedAt, minus the"
                + " moment the plan made it due; lead before the window " + r.lead());
        report.note("check: SlaMonitor's " + dev.switchboard.sla.SlaMonitor.CHECK_TIMER
                + " timer (exact over the interval); Kafka's punctuate metrics are sampled over 30 s windows");
        report.note("the window opened once RocksDB had finished the load's flushes and compactions (steady state)");
        report.note("heap growth is approximate (System.gc() is a request; the Streams cache is bounded); the"
                + " stores live in RocksDB off-heap: memtables, block caches and index/filter blocks, bounded by"
                + " RocksDB's settings rather than per ticket; state on disk includes RocksDB's LOG and OPTIONS"
                + " files, a fixed cost that dominates the small side");
    }

    private static void lateness(BenchReport report, String what, Histogram large, Histogram small) {
        report.compare(what + " p50", percentile(large, 50), percentile(small, 50), "ms");
        double p99 = percentile(large, 99);
        report.compare(what + " p99", p99, percentile(small, 99), "ms", "≤ 1,000 ms", p99 <= LATENESS_GOAL_MS);
        report.compare(what + " max", max(large), max(small), "ms");
    }

    private static void zero(BenchReport report, String what, int large, int small) {
        report.compare(what, large, small, "alerts", "0 on both", large == 0 && small == 0);
    }

    private static void ratio(BenchReport report, String what, double large, double small) {
        report.compare(what, large, small, "ms", "≤ 1.5× baseline", large <= CHECK_RATIO_GOAL * small);
    }

    private static double percentile(Histogram h, double p) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p);
    }

    private static double max(Histogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    private String command() {
        return "switchboard bench sla --open " + open + " --baseline-open " + baselineOpen + " --burst " + burst
                + " --spread " + spread + " --measure " + measure
                + options.bootstrapServers()
                        .map(b -> " --bootstrap-servers " + b)
                        .orElse("");
    }
}
