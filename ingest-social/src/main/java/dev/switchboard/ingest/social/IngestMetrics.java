package dev.switchboard.ingest.social;

import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.http.SwitchboardSignature;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;

/**
 * The service's meters, as Prometheus shows them: {@code switchboard_social_requests_total}
 * (platform, outcome: accepted, unauthorized, unavailable), {@code switchboard_social_events_total}
 * (platform, channel, kind), {@code switchboard_social_signatures_rejected_total} (platform,
 * reason: missing, malformed, mismatch), {@code switchboard_social_dead_letters_total} (platform,
 * reason), {@code switchboard_social_ignored_total} (platform, type),
 * {@code switchboard_social_handshakes_total} (platform, outcome) and
 * {@code switchboard_social_kafka_wait_seconds} (how long requests waited for Kafka).
 */
final class IngestMetrics {
    private final MeterRegistry registry;
    private final Timer kafkaWait;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.kafkaWait = Timer.builder("switchboard.social.kafka.wait")
                .description("Time a webhook request waited for Kafka to acknowledge its events")
                .register(registry);
    }

    Timer kafkaWait() {
        return kafkaWait;
    }

    void request(Platform platform, String outcome) {
        counter(
                        "switchboard.social.requests",
                        "Webhook POST requests by outcome",
                        "platform",
                        platform.id(),
                        "outcome",
                        outcome)
                .increment();
    }

    void signatureRejected(Platform platform, SwitchboardSignature.Verdict verdict) {
        counter(
                        "switchboard.social.signatures.rejected",
                        "Webhook requests refused for a missing or wrong signature",
                        "platform",
                        platform.id(),
                        "reason",
                        lower(verdict.name()))
                .increment();
    }

    void event(Platform platform, InboundMessage message) {
        counter(
                        "switchboard.social.events",
                        "Events written to Kafka and acknowledged",
                        "platform",
                        platform.id(),
                        "channel",
                        lower(message.getChannel().name()),
                        "kind",
                        lower(message.getKind().name()))
                .increment();
    }

    void deadLetter(Platform platform, DeadLetterReason reason) {
        counter(
                        "switchboard.social.dead.letters",
                        "Webhook bodies written to the dead-letter topic",
                        "platform",
                        platform.id(),
                        "reason",
                        lower(reason.name()))
                .increment();
    }

    void ignored(Platform platform, String type) {
        counter(
                        "switchboard.social.ignored",
                        "Webhook notifications deliberately skipped (receipts, reactions, other activity)",
                        "platform",
                        platform.id(),
                        "type",
                        type)
                .increment();
    }

    void handshake(Platform platform, boolean accepted) {
        counter(
                        "switchboard.social.handshakes",
                        "Subscription handshakes (Meta verify token, X CRC)",
                        "platform",
                        platform.id(),
                        "outcome",
                        accepted ? "accepted" : "refused")
                .increment();
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
