package dev.switchboard.router.topology;

import io.micrometer.core.instrument.MeterRegistry;
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

    private final MeterRegistry registry;

    public RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
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
