package dev.switchboard.router.topology;

import dev.switchboard.router.assignment.Kv;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** A Kafka Streams key-value store as assignment's {@link Kv}: reads close their iterators at once. */
final class StoreKv<V> implements Kv<V> {
    private static final StringSerializer KEYS = new StringSerializer();
    private final KeyValueStore<String, V> store;

    StoreKv(KeyValueStore<String, V> store) {
        this.store = store;
    }

    @Override
    public V get(String key) {
        return store.get(key);
    }

    @Override
    public void put(String key, V value) {
        store.put(key, value);
    }

    @Override
    public void delete(String key) {
        store.delete(key);
    }

    @Override
    public List<Map.Entry<String, V>> prefix(String prefix, int limit) {
        try (KeyValueIterator<String, V> it = store.prefixScan(prefix, KEYS)) {
            return take(it, limit, null);
        }
    }

    @Override
    public List<Map.Entry<String, V>> range(String from, String to, int limit) {
        // Kafka's range includes its upper end; ours does not.
        try (KeyValueIterator<String, V> it = store.range(from.isEmpty() ? null : from, to)) {
            return take(it, limit, to);
        }
    }

    private static <V> List<Map.Entry<String, V>> take(KeyValueIterator<String, V> it, int limit, String exclusiveEnd) {
        List<Map.Entry<String, V>> out = new ArrayList<>();
        while (out.size() < limit && it.hasNext()) {
            KeyValue<String, V> kv = it.next();
            if (exclusiveEnd != null && kv.key.equals(exclusiveEnd)) {
                break;
            }
            out.add(new AbstractMap.SimpleImmutableEntry<>(kv.key, kv.value));
        }
        return out;
    }
}
