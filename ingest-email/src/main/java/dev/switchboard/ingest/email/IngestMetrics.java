package dev.switchboard.ingest.email;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The metrics of one mailbox folder, tagged {@code mailbox=<id>} and {@code folder=<name>} (one
 * mailbox may list several folders, each with its own worker, connection and gauges):
 * {@code switchboard.email.messages.ingested}, {@code .dead.lettered} (tag {@code reason}),
 * {@code .auto.replies}, {@code .bounces}, {@code switchboard.email.reconnects},
 * {@code switchboard.email.connected} (1 or 0) and {@code switchboard.email.oldest.unprocessed.age}
 * (seconds since the server received the oldest message not yet on Kafka; 0 when none).
 */
final class IngestMetrics {
    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter ingested;
    private final Counter autoReplies;
    private final Counter bounces;
    private final Counter reconnects;
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicReference<Instant> oldestUnprocessed = new AtomicReference<>();

    IngestMetrics(MeterRegistry registry, String mailboxId, String folder, Clock clock) {
        this.registry = registry;
        this.tags = Tags.of("mailbox", mailboxId, "folder", folder);
        ingested = registry.counter("switchboard.email.messages.ingested", tags);
        autoReplies = registry.counter("switchboard.email.auto.replies", tags);
        bounces = registry.counter("switchboard.email.bounces", tags);
        reconnects = registry.counter("switchboard.email.reconnects", tags);
        Gauge.builder("switchboard.email.connected", connected, AtomicInteger::get)
                .tags(tags)
                .register(registry);
        Gauge.builder("switchboard.email.oldest.unprocessed.age", oldestUnprocessed, ref -> {
                    Instant oldest = ref.get();
                    return oldest == null
                            ? 0.0
                            : Math.max(
                                    0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
                })
                .tags(tags)
                .baseUnit("seconds")
                .register(registry);
    }

    void ingested(boolean autoReply, boolean bounce) {
        ingested.increment();
        if (autoReply) {
            autoReplies.increment();
        }
        if (bounce) {
            bounces.increment();
        }
    }

    void deadLettered(String reason) {
        registry.counter("switchboard.email.messages.dead.lettered", tags.and("reason", reason))
                .increment();
    }

    void reconnect() {
        reconnects.increment();
    }

    void connected(boolean up) {
        connected.set(up ? 1 : 0);
    }

    void oldestUnprocessed(Instant receivedAt) {
        oldestUnprocessed.set(receivedAt);
    }
}
