package dev.switchboard.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code switchboard bench router}: work in progress. */
@Command(name = "router", mixinStandardHelpOptions = true, description = "Router throughput and latency.")
final class RouterBench implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Override
    public Integer call() {
        return 0;
    }
}
