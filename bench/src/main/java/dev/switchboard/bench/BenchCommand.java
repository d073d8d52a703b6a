package dev.switchboard.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code switchboard bench NAME}: one benchmark, its figures next to a baseline measured in the
 * same run, printed as a table and written as JSON (docs/benchmarks.md).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks: each figure a ratio against a baseline measured side by side in the same run"
                + " (docs/benchmarks.md).",
        subcommands = {
            RouterBench.class,
            AssignmentBench.class,
            ScalingBench.class,
            SlaBench.class,
            EmailBench.class,
            WebhookBench.class,
            StartupBench.class,
            CommandLine.HelpCommand.class
        })
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
