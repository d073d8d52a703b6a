package dev.switchboard.bench;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What every benchmark takes: where Kafka is, where to keep data, where to write the JSON. */
public final class BenchOptions {
    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "An existing Kafka cluster to run on (default: an embedded single-node KRaft broker started"
                    + " for the run).")
    String bootstrapServers;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Broker logs and Kafka Streams state (default: a new temporary directory, removed after).")
    Path dataDir;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "bench/results",
            description = "Where the JSON result goes (default: ${DEFAULT-VALUE}).")
    Path out;

    public Optional<String> bootstrapServers() {
        return Optional.ofNullable(bootstrapServers).filter(s -> !s.isBlank());
    }

    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    public Path out() {
        return out;
    }

    /** For callers outside picocli (tests). */
    public static BenchOptions of(String bootstrapServers, Path dataDir, Path out) {
        BenchOptions o = new BenchOptions();
        o.bootstrapServers = bootstrapServers;
        o.dataDir = dataDir;
        o.out = out;
        return o;
    }
}
