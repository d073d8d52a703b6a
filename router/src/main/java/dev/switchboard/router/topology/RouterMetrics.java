package dev.switchboard.router.topology;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The router's counters: every message that does not become or join a ticket is counted with its
 * reason ({@code switchboard.router.dropped{reason=duplicate}}), and logged at DEBUG without its
 * text.
 */
public final class RouterMetrics {
    public static final String DROPPED = "switchboard.router.dropped";
    public static final String EVENTS = "switchboard.router.events";
    /** Assignment decisions by action: assigned, reassigned, queued, unassigned. */
    public static final String ASSIGNMENTS = "switchboard.router.assignments";

    /** Customer message received -> assignment decided. */
    public static final String ASSIGNMENT_LATENCY = "switchboard.router.assignment.latency";

    public static final String QUEUE_DEPTH = "switchboard.router.queue.depth";
    public static final String QUEUE_OLDEST_WAIT = "switchboard.router.queue.oldest.wait";
    public static final String AGENTS_ONLINE = "switchboard.router.agents.online";
    public static final String AGENTS_ON_SHIFT = "switchboard.router.agents.on.shift";

    private final MeterRegistry registry;
    private final Timer latency;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    public RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder(ASSIGNMENT_LATENCY)
                .description("From the customer's message being received to its ticket's assignment")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** A ticket was assigned {@code latency} after its customer's message was received. */
    public void assignedAfter(Duration latency) {
        if (!latency.isNegative()) {
            this.latency.record(latency);
        }
    }

    /** A routing group's queue and agents, as of the last wall-clock check. */
    public void group(String group, long waiting, Duration oldestWait, int online, int onShift) {
        gauge(QUEUE_DEPTH, group, "Tickets waiting in the routing group's queue")
                .set(waiting);
        gauge(QUEUE_OLDEST_WAIT, group, "Seconds the oldest waiting ticket has waited")
                .set(oldestWait.toSeconds());
        gauge(AGENTS_ONLINE, group, "Agents of the routing group who are online")
                .set(online);
        gauge(AGENTS_ON_SHIFT, group, "Agents of the routing group who are on shift")
                .set(onShift);
    }

    private AtomicLong gauge(String name, String group, String description) {
        return gauges.computeIfAbsent(name + "|" + group, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get)
                    .description(description)
                    .tag("group", group)
                    .strongReference(true)
                    .register(registry);
            return value;
        });
    }

    public void dropped(Logger log, String reason, String sourceMessageId, String conversationKey) {
        registry.counter(DROPPED, "reason", reason).increment();
        log.debug("Dropped message {} of conversation {}: {}", sourceMessageId, conversationKey, reason);
    }

    public void event(String type) {
        registry.counter(EVENTS, "type", type).increment();
    }

    public void decision(String action) {
        registry.counter(ASSIGNMENTS, "action", action).increment();
    }

    public double droppedCount(String reason) {
        var counter = registry.find(DROPPED).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
