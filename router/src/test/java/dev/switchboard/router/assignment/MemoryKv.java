package dev.switchboard.router.assignment;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;

/**
 * A {@link Kv} in memory for domain tests. Values go through their store serde, so a change the
 * engine forgets to write back is lost here as it would be in Kafka; keys sort by their UTF-8
 * bytes, as in RocksDB.
 */
public final class MemoryKv<V> implements Kv<V> {
    private static final Comparator<String> BYTES =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final TreeMap<String, byte[]> map = new TreeMap<>(BYTES);
    private final Serde<V> serde;
    /** Entries read so far (gets, and every entry a scan returned): what a decision costs. */
    private long reads;

    public MemoryKv(Serde<V> serde) {
        this.serde = serde;
    }

    public int size() {
        return map.size();
    }

    public long reads() {
        return reads;
    }

    @Override
    public V get(String key) {
        reads++;
        byte[] bytes = map.get(key);
        return bytes == null ? null : serde.deserializer().deserialize("memory", bytes);
    }

    @Override
    public void put(String key, V value) {
        map.put(key, serde.serializer().serialize("memory", value));
    }

    @Override
    public void delete(String key) {
        map.remove(key);
    }

    @Override
    public List<Map.Entry<String, V>> prefix(String prefix, int limit) {
        List<Map.Entry<String, V>> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : map.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix) || out.size() >= limit) {
                break;
            }
            out.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), get(e.getKey())));
        }
        return out;
    }

    @Override
    public List<Map.Entry<String, V>> range(String from, String to, int limit) {
        List<Map.Entry<String, V>> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : map.subMap(from, true, to, false).entrySet()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), get(e.getKey())));
        }
        return out;
    }
}
