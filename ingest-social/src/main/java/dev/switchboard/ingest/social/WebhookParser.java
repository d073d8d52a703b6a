package dev.switchboard.ingest.social;

import java.time.Instant;

/**
 * Turns a platform's webhook body (already authenticated) into events. Implementations are pure:
 * no I/O, no Kafka, no clock of their own; they never throw on bad input but report it as a
 * {@link ParsedWebhook.Problem}.
 */
public interface WebhookParser {

    /**
     * @param body the raw request body
     * @param ingestedAt when Switchboard received the request; also the fallback when a message has
     *     no usable platform timestamp
     */
    ParsedWebhook parse(byte[] body, Instant ingestedAt);
}
