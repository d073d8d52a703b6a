package dev.switchboard.router.assignment;

import java.util.List;
import java.util.Map;

/**
 * A sorted key-value store as assignment uses it: a Kafka Streams store in production, a
 * {@code TreeMap} in tests. Keys sort as their UTF-8 bytes do.
 */
public interface Kv<V> {
    V get(String key);

    void put(String key, V value);

    void delete(String key);

    /** Entries whose key starts with {@code prefix}, in key order, at most {@code limit}. */
    List<Map.Entry<String, V>> prefix(String prefix, int limit);

    /** Entries with {@code from <= key < to}, in key order, at most {@code limit}. */
    List<Map.Entry<String, V>> range(String from, String to, int limit);
}
