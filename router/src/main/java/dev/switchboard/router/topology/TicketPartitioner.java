package dev.switchboard.router.topology;

import dev.switchboard.router.tickets.TicketIds;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Takes a message to the partition that owns its ticket: a key that is a ticket id goes to the
 * partition named by the id's shard (the partition that created it); any other key (a
 * conversation key) goes where Kafka's default partitioner would put it, which is also where a
 * ticket created for that conversation gets its shard. So one partition owns each ticket and its
 * conversation, and no two tasks ever write the same ticket.
 */
public final class TicketPartitioner<V> implements StreamPartitioner<String, V> {
    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
        return Optional.of(Set.of(partition(key, numPartitions)));
    }

    static int partition(String key, int numPartitions) {
        Optional<Integer> shard = TicketIds.shard(key);
        if (shard.isPresent()) {
            return shard.get() % numPartitions;
        }
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }
}
