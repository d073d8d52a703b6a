package dev.switchboard.bench;

import dev.switchboard.events.TicketEvent;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topic;
import dev.switchboard.sla.SlaConfig;
import dev.switchboard.sla.SlaMonitor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One side of the SLA comparison: a namespace on the shared broker with its own SLA monitor (the
 * production topology and settings, exactly-once included), the monitor's meters, and a watcher of
 * its alerts. Knows when its monitor has consumed everything written to its ticket events.
 */
final class SlaSide implements AutoCloseable {
    private final String name;
    private final KafkaSettings kafka;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SlaMonitor monitor;
    private final AlertWatcher alerts;
    private final CheckProbe checks;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private SlaSide(String name, KafkaSettings kafka, SlaConfig policy) {
        this.name = name;
        this.kafka = kafka;
        this.monitor = new SlaMonitor(policy.withKafka(kafka), meters);
        this.checks = new CheckProbe(meters, monitor::metrics);
        monitor.onFailure(failure::set);
        monitor.start();
        this.alerts = new AlertWatcher(kafka);
    }

    static SlaSide start(BenchKafka bench, String name, SlaConfig policy) {
        return new SlaSide(name, bench.namespace(name), policy);
    }

    String name() {
        return name;
    }

    Topic<String, TicketEvent> ticketEvents() {
        return kafka.topics().ticketEvents();
    }

    AlertWatcher alerts() {
        return alerts;
    }

    CheckProbe checks() {
        return checks;
    }

    void awaitRunning(Duration patience) throws InterruptedException {
        long until = System.nanoTime() + patience.toNanos();
        while (monitor.state() != KafkaStreams.State.RUNNING) {
            checkHealthy();
            if (System.nanoTime() > until) {
                throw new IllegalStateException(
                        name + ": the SLA monitor is " + monitor.state() + " after " + patience);
            }
            Thread.sleep(100);
        }
    }

    /** The end of each partition of the ticket events: what the monitor must have consumed. */
    Map<TopicPartition, Long> eventsEnd(Admin admin) throws ExecutionException, InterruptedException {
        String topic = ticketEvents().name();
        var partitions = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Whether the monitor has committed (processed, with its outputs) every event up to {@code ends}. */
    boolean consumed(Admin admin, Map<TopicPartition, Long> ends) throws ExecutionException, InterruptedException {
        checkHealthy();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                        kafka.topicPrefix() + SlaMonitor.APPLICATION_ID)
                .partitionsToOffsetAndMetadata()
                .get();
        return ends.entrySet().stream().allMatch(e -> {
            OffsetAndMetadata c = committed.get(e.getKey());
            return e.getValue() == 0 || (c != null && c.offset() >= e.getValue());
        });
    }

    /** Whether RocksDB is flushing or compacting any of the monitor's stores, or has a compaction pending. */
    boolean storesBusy() {
        return rocksDb("mem-table-flush-pending")
                        + rocksDb("num-running-flushes")
                        + rocksDb("compaction-pending")
                        + rocksDb("num-running-compactions")
                > 0;
    }

    /**
     * RocksDB's off-heap memory for the monitor's stores: memtables, block caches (one per store by
     * default, so the sum counts none twice) and index and filter blocks.
     */
    long rocksDbMemoryBytes() {
        return Math.round(rocksDb("cur-size-all-mem-tables")
                + rocksDb("block-cache-usage")
                + rocksDb("estimate-table-readers-mem"));
    }

    /** A RocksDB metric (Kafka Streams' state-level metrics), summed over the stores and tasks. */
    private double rocksDb(String metric) {
        return monitor.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("stream-state-metrics")
                        && e.getKey().name().equals(metric))
                .map(e -> e.getValue().metricValue())
                .filter(v -> v instanceof Number)
                .mapToDouble(v -> ((Number) v).doubleValue())
                .sum();
    }

    /** The monitor's Kafka Streams state directory (its RocksDB stores). */
    Path stateDir() {
        return kafka.stateDir().orElseThrow();
    }

    /** Bytes of the monitor's store changelogs on the brokers, every replica counted. */
    long changelogBytes(Admin admin) throws ExecutionException, InterruptedException {
        String prefix = kafka.topicPrefix() + SlaMonitor.APPLICATION_ID + "-";
        Collection<Integer> brokers =
                admin.describeCluster().nodes().get().stream().map(Node::id).toList();
        Map<Integer, Map<String, LogDirDescription>> dirs =
                admin.describeLogDirs(brokers).allDescriptions().get();
        return dirs.values().stream()
                .flatMap(byPath -> byPath.values().stream())
                .flatMap(d -> d.replicaInfos().entrySet().stream())
                .filter(e -> e.getKey().topic().startsWith(prefix)
                        && e.getKey().topic().endsWith("-changelog"))
                .mapToLong(e -> e.getValue().size())
                .sum();
    }

    private void checkHealthy() {
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException(name + ": the SLA monitor failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        alerts.close();
        monitor.close();
    }
}
