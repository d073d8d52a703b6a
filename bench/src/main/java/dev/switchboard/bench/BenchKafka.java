package dev.switchboard.bench;

import dev.switchboard.broker.BrokerSettings;
import dev.switchboard.broker.EmbeddedBroker;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.kafka.TopicAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * The Kafka a benchmark runs on: the given cluster, or an embedded broker started for the run.
 * Each side of a comparison gets its own namespace (a topic prefix, its own Streams state dir) on
 * the same broker, so baseline and subject share everything but their code.
 */
public final class BenchKafka implements AutoCloseable {
    private final Optional<EmbeddedBroker> broker;
    private final String bootstrapServers;
    private final Path dataDir;
    private final boolean removeDataDir;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final java.util.concurrent.atomic.AtomicInteger namespaces =
            new java.util.concurrent.atomic.AtomicInteger();

    private BenchKafka(Optional<EmbeddedBroker> broker, String bootstrapServers, Path dataDir, boolean remove) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.removeDataDir = remove;
    }

    public static BenchKafka open(BenchOptions options) {
        try {
            boolean temporary = options.dataDir().isEmpty();
            Path dir = options.dataDir().orElse(Files.createTempDirectory("switchboard-bench-"));
            if (options.bootstrapServers().isPresent()) {
                return new BenchKafka(
                        Optional.empty(), options.bootstrapServers().get(), dir, temporary);
            }
            // A bigger broker heap than switchboard run's: a million open tickets pass through it.
            EmbeddedBroker broker =
                    EmbeddedBroker.start(new BrokerSettings(dir.resolve("kafka"), 0, "1g", Duration.ofSeconds(90)));
            return new BenchKafka(Optional.of(broker), broker.bootstrapServers(), dir, temporary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * A fresh namespace with every Switchboard topic created: {@code bench-<run>-<name>.} as the
     * topic prefix (so reruns on one cluster never read old records) and its own state dir.
     */
    public KafkaSettings namespace(String name, Map<String, String> properties) {
        return namespace(name, properties, Optional.empty());
    }

    /** With every topic's partition count set, e.g. to measure more stream threads than the default three partitions feed. */
    public KafkaSettings namespace(String name, Map<String, String> properties, Optional<Integer> partitions) {
        String unique = name + "-" + namespaces.incrementAndGet();
        KafkaSettings settings = new KafkaSettings(
                bootstrapServers,
                "bench-" + runId + "-" + unique + ".",
                Optional.of(dataDir.resolve("streams").resolve(unique)),
                properties);
        try (Admin admin = Admin.create(ClientProperties.base(settings))) {
            TopicAdmin.createTopics(admin, settings.topics(), partitions, Duration.ofSeconds(60));
        }
        return settings;
    }

    public KafkaSettings namespace(String name) {
        return namespace(name, Map.of());
    }

    /** Removes a directory tree; what cannot be removed is left (a benchmark's leftovers are not worth failing it). */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // see above
        }
    }

    /** Bytes under a directory: a state store's size on disk. */
    public static long sizeOf(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            return 0; // a RocksDB file compacted away while we walk
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        broker.ifPresent(EmbeddedBroker::close);
        if (removeDataDir) {
            delete(dataDir);
        }
    }
}
