package dev.switchboard.bench;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.router.config.RouterConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench scaling}: router throughput with 1, 2 and 4 stream threads per
 * application (topics with enough partitions for the most threads), each against the pass-through
 * baseline with as many threads, all on one broker in one run (docs/scaling.md).
 */
@Command(
        name = "scaling",
        mixinStandardHelpOptions = true,
        description = "Router throughput as stream threads grow, each against a pass-through app with as many threads.")
final class ScalingBench implements Callable<Integer> {
    private static final int WARMUP_MESSAGES = 20_000;

    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

    @Option(
            names = "--threads",
            split = ",",
            defaultValue = "1,2,4",
            description = "Stream thread counts (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--messages", defaultValue = "50000", description = "Backlog per step (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--agents", defaultValue = "50", description = "Agents on shift (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "config/router.yaml",
            description = "The router's configuration (default: ${DEFAULT-VALUE}).")
    Path config;

    @Override
    public Integer call() throws IOException {
        String command = "switchboard bench scaling --threads "
                + String.join(",", threads.stream().map(String::valueOf).toList()) + " --messages " + messages;
        BenchReport report = new BenchReport("scaling", command);
        RouterConfig file = RouterConfig.load(ConfigLoader.fromEnvironment(), config);
        int partitions = threads.stream().mapToInt(Integer::intValue).max().orElse(1);
        try (BenchKafka kafka = BenchKafka.open(options)) {
            int warmup = Math.min(messages, WARMUP_MESSAGES);
            RouterBench.warmUp(
                    kafka,
                    file,
                    new RouterBench.Plan(
                            warmup, agents, 0.2, Duration.ZERO, threads.get(0), Optional.of(Math.max(3, partitions))),
                    report);
            Double first = null;
            for (int t : threads) {
                RouterBench.Result r = RouterBench.run(
                        kafka,
                        file,
                        new RouterBench.Plan(
                                messages, agents, 0.2, Duration.ZERO, t, Optional.of(Math.max(3, partitions))));
                double routed = r.router().perSecond();
                first = first == null ? routed : first;
                report.compare(
                        "router throughput, " + t + " thread(s)",
                        routed,
                        r.baseline().perSecond(),
                        "msg/s",
                        null,
                        null);
                report.note(t + " thread(s): router " + String.format(java.util.Locale.ROOT, "%.2f", routed / first)
                        + "× its 1-thread figure; " + r.threadTime());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        report.print(out);
        report.writeJson(options.out().resolve("scaling.json"));
        out.println("JSON: " + options.out().resolve("scaling.json"));
        return 0;
    }
}
