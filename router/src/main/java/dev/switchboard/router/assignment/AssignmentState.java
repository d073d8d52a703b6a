package dev.switchboard.router.assignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Assignment's state, every key starting with the routing group so one group's agents, tickets and
 * queue sit together (and in one partition):
 *
 * <ul>
 *   <li>agents: {@code group␁agent} → {@link AgentRecord}
 *   <li>tickets: {@code group␁ticket} → {@link TicketRecord}
 *   <li>queue: {@code group␁needs␁order} → ticket id, where needs is {@link TicketNeeds#signature()}
 *       and order is {@link QueueOrder#key}: each bucket of equal needs is in queue order, its head
 *       one range read away
 *   <li>buckets: {@code group␁needs} → how many tickets wait in it, so the non-empty buckets are
 *       found without reading the queue
 *   <li>customers: {@code group␁customer} → {@code agent␁epoch ms}: the customer's last agent (sticky)
 *   <li>wakeups: {@code epoch ms␁group␁kind␁id} → "": what the wall-clock check must look at, in
 *       time order, so a check reads only what is due
 * </ul>
 */
public final class AssignmentState {
    static final char SEP = '\u0001';
    private static final String S = String.valueOf(SEP);
    /** Sorts after every key that continues with {@link #SEP}: the end of a bucket's range. */
    private static final String AFTER_SEP = String.valueOf((char) (SEP + 1));

    private final Kv<AgentRecord> agents;
    private final Kv<TicketRecord> tickets;
    private final Kv<String> queue;
    private final Kv<Long> buckets;
    private final Kv<String> customers;
    private final Kv<String> wakeups;
    // Each group's agent records as last read or written, decoded. Every input reads its group's
    // agents; decoding them all from JSON each time was most of assignment's cost (see
    // docs/benchmarks.md). This state is the store's only writer in its task, so the cache cannot
    // go stale; callers get copies, so a change reaches it only through putAgent, as the store.
    private final Map<String, TreeMap<String, AgentRecord>> agentCache = new java.util.HashMap<>();
    // Per bucket, a queue key no waiting ticket of the bucket sorts before: the first key the last
    // head scan found, lowered by every enqueue before it. A head scan seeks there instead of to the
    // bucket's start, so it does not step over the tombstones of the heads assigned before (with
    // 100k waiting, that made assigning the head twice as dear as with 100). It only ever skips keys
    // that were deleted; it is in memory, so a restarted task scans from the start once.
    private final Map<String, String> headFloors = new java.util.HashMap<>();

    public AssignmentState(
            Kv<AgentRecord> agents,
            Kv<TicketRecord> tickets,
            Kv<String> queue,
            Kv<Long> buckets,
            Kv<String> customers,
            Kv<String> wakeups) {
        this.agents = agents;
        this.tickets = tickets;
        this.queue = queue;
        this.buckets = buckets;
        this.customers = customers;
        this.wakeups = wakeups;
    }

    // ------------------------------------------------------------------ agents

    /** Every agent record of the group, by id: copies the caller may change. */
    public TreeMap<String, AgentRecord> agents(String group) {
        TreeMap<String, AgentRecord> out = new TreeMap<>();
        storedAgents(group).forEach((id, r) -> out.put(id, r.copy()));
        return out;
    }

    /**
     * The group's agent records as stored, by id, without copying them: for reading only. A change
     * goes through a {@link AgentRecord#copy copy} and {@link #putAgent}. The view follows
     * putAgent and deleteAgent.
     */
    SortedMap<String, AgentRecord> storedAgents(String group) {
        return Collections.unmodifiableSortedMap(agentCache.computeIfAbsent(group, this::readAgents));
    }

    private TreeMap<String, AgentRecord> readAgents(String group) {
        TreeMap<String, AgentRecord> out = new TreeMap<>();
        String prefix = group + S;
        for (Map.Entry<String, AgentRecord> e : agents.prefix(prefix, Integer.MAX_VALUE)) {
            out.put(e.getKey().substring(prefix.length()), e.getValue());
        }
        return out;
    }

    public void putAgent(String group, String id, AgentRecord record) {
        agents.put(group + S + id, record);
        TreeMap<String, AgentRecord> cached = agentCache.get(group);
        if (cached != null) {
            cached.put(id, record.copy());
        }
    }

    public void deleteAgent(String group, String id) {
        agents.delete(group + S + id);
        TreeMap<String, AgentRecord> cached = agentCache.get(group);
        if (cached != null) {
            cached.remove(id);
        }
    }

    // ------------------------------------------------------------------ tickets

    public Optional<TicketRecord> ticket(String group, String id) {
        return Optional.ofNullable(tickets.get(group + S + id));
    }

    public void putTicket(String group, TicketRecord t) {
        tickets.put(group + S + t.ticketId, t);
    }

    public void deleteTicket(String group, String id) {
        tickets.delete(group + S + id);
    }

    // ------------------------------------------------------------------ queue

    /** A bucket of waiting tickets with the same needs. */
    public record Bucket(String signature, long size) {}

    /** A waiting ticket: its store key, its order within the bucket and its id. */
    public record Waiting(String key, String order, String ticketId) {}

    /** Puts a ticket in its bucket; returns its queue key. */
    public String enqueue(String group, String signature, String order, String ticketId) {
        String key = group + S + signature + S + order;
        queue.put(key, ticketId);
        String bucket = group + S + signature;
        Long size = buckets.get(bucket);
        buckets.put(bucket, size == null ? 1 : size + 1);
        headFloors.computeIfPresent(bucket, (b, floor) -> sortsBefore(key, floor) ? key : floor);
        return key;
    }

    public void dequeue(String key) {
        if (queue.get(key) == null) {
            return;
        }
        queue.delete(key);
        String bucket = key.substring(0, key.lastIndexOf(SEP));
        Long size = buckets.get(bucket);
        if (size == null || size <= 1) {
            buckets.delete(bucket);
            headFloors.remove(bucket);
        } else {
            buckets.put(bucket, size - 1);
        }
    }

    /** The group's non-empty buckets. */
    public List<Bucket> buckets(String group) {
        String prefix = group + S;
        List<Bucket> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : buckets.prefix(prefix, Integer.MAX_VALUE)) {
            out.add(new Bucket(e.getKey().substring(prefix.length()), e.getValue()));
        }
        return out;
    }

    /** The first {@code limit} tickets of a bucket, in queue order. */
    public List<Waiting> heads(String group, String signature, int limit) {
        String bucket = group + S + signature;
        String prefix = bucket + S;
        List<Map.Entry<String, String>> found =
                queue.range(headFloors.getOrDefault(bucket, prefix), bucket + AFTER_SEP, limit);
        if (!found.isEmpty()) {
            headFloors.put(bucket, found.get(0).getKey());
        }
        List<Waiting> out = new ArrayList<>();
        for (Map.Entry<String, String> e : found) {
            out.add(new Waiting(e.getKey(), e.getKey().substring(prefix.length()), e.getValue()));
        }
        return out;
    }

    /** 1-based position of a queue key within its bucket, or empty beyond {@code cap}. */
    public Optional<Integer> position(String key, int cap) {
        String bucket = key.substring(0, key.lastIndexOf(SEP));
        String floor = headFloors.get(bucket);
        String from = floor != null && !sortsBefore(key, floor) ? floor : bucket + S;
        List<Map.Entry<String, String>> before = queue.range(from, key, cap);
        return before.size() >= cap ? Optional.empty() : Optional.of(before.size() + 1);
    }

    /** Whether {@code a} sorts before {@code b} in the stores, which order keys by their UTF-8 bytes. */
    private static boolean sortsBefore(String a, String b) {
        return java.util.Arrays.compareUnsigned(
                        a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        b.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                < 0;
    }

    // ------------------------------------------------------------------ customers (sticky)

    /** A customer's last agent and when they got the customer's ticket. */
    public record Sticky(String agentId, Instant at) {}

    public Optional<Sticky> sticky(String group, String customer) {
        String v = customers.get(group + S + customer);
        if (v == null) {
            return Optional.empty();
        }
        int i = v.lastIndexOf(SEP);
        return Optional.of(new Sticky(v.substring(0, i), Instant.ofEpochMilli(Long.parseLong(v.substring(i + 1)))));
    }

    public void putSticky(String group, String customer, String agentId, Instant at) {
        customers.put(group + S + customer, agentId + S + at.toEpochMilli());
    }

    public void deleteSticky(String group, String customer) {
        customers.delete(group + S + customer);
    }

    // ------------------------------------------------------------------ wakeups

    /** Something the wall-clock check must look at from {@code at} on. */
    public record Wakeup(Instant at, String group, String kind, String id) {
        String key() {
            return millis(at) + S + group + S + kind + S + id;
        }

        static Wakeup parse(String key) {
            String[] p = key.split(S, 4);
            return new Wakeup(Instant.ofEpochMilli(Long.parseLong(p[0])), p[1], p[2], p[3]);
        }
    }

    public void wake(Wakeup w) {
        wakeups.put(w.key(), "");
    }

    public void cancel(Wakeup w) {
        wakeups.delete(w.key());
    }

    /** Wakeups due at or before {@code now}, oldest first, at most {@code limit}. */
    public List<Wakeup> due(Instant now, int limit) {
        List<Wakeup> out = new ArrayList<>();
        for (Map.Entry<String, String> e : wakeups.range("", millis(now.plusMillis(1)), limit)) {
            out.add(Wakeup.parse(e.getKey()));
        }
        return out;
    }

    private static String millis(Instant t) {
        String digits = Long.toString(Math.max(0, t.toEpochMilli()));
        return "0".repeat(Math.max(0, 13 - digits.length())) + digits;
    }
}
