package dev.switchboard.ingest.social;

import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.InboundMessage;
import java.util.List;

/**
 * What one webhook body turned into: the events to publish, the parts that could not be read
 * (each becomes a dead letter with the raw body), and the parts deliberately skipped (read
 * receipts, reactions, typing indicators…), which are only counted.
 */
public record ParsedWebhook(List<InboundMessage> messages, List<Problem> problems, List<String> ignored) {

    public ParsedWebhook {
        messages = List.copyOf(messages);
        problems = List.copyOf(problems);
        ignored = List.copyOf(ignored);
    }

    static ParsedWebhook unreadable(DeadLetterReason reason, String detail) {
        return new ParsedWebhook(List.of(), List.of(new Problem(reason, detail)), List.of());
    }

    /**
     * A part of the body that is not a known shape.
     *
     * @param detail where and what, e.g. {@code entry[0].messaging[1]: no message or postback};
     *     names keys and paths, never the customer's text
     */
    public record Problem(DeadLetterReason reason, String detail) {}
}
