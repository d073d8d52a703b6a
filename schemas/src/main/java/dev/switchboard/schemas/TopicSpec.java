package dev.switchboard.schemas;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a topic is created: partitions, compaction, retention. Replication is decided at creation
 * time from the cluster's size, so the same spec serves the embedded broker and a real cluster.
 */
public record TopicSpec(int partitions, boolean compacted, Optional<Duration> retention) {

    public static TopicSpec deleting(int partitions, Duration retention) {
        return new TopicSpec(partitions, false, Optional.of(retention));
    }

    public static TopicSpec compacted(int partitions) {
        return new TopicSpec(partitions, true, Optional.empty());
    }

    /** Topic-level configs in Kafka's own key names. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", compacted ? "compact" : "delete");
        retention.ifPresent(r -> configs.put("retention.ms", Long.toString(r.toMillis())));
        if (compacted) {
            // Keep tombstones long enough for a restarted consumer to see deletions.
            configs.put("delete.retention.ms", Long.toString(Duration.ofDays(1).toMillis()));
        }
        return configs;
    }
}
