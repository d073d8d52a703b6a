package dev.switchboard.router.topology;

import dev.switchboard.events.TicketStatus;
import java.util.Optional;

/**
 * What the helpdesk said about a ticket (agent replies, status changes, merges), as the ticket
 * index keeps it for the ticket processor.
 *
 * @param status the last status the helpdesk set, with {@code statusAt} (epoch ms; 0 = never)
 * @param lastAgentReplyAt the last public agent reply (epoch ms; 0 = none)
 * @param mergedInto the ticket this one was merged into, if any
 */
public record HelpdeskFacts(
        Optional<TicketStatus> status, long statusAt, long lastAgentReplyAt, Optional<String> mergedInto) {
    public static final HelpdeskFacts NONE = new HelpdeskFacts(Optional.empty(), 0, 0, Optional.empty());

    String encode() {
        return status.map(Enum::name).orElse("") + "|" + statusAt + "|" + lastAgentReplyAt + "|"
                + mergedInto.orElse("");
    }

    static HelpdeskFacts decode(String text) {
        String[] parts = text.split("\\|", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("Not helpdesk facts: " + text);
        }
        return new HelpdeskFacts(
                parts[0].isEmpty() ? Optional.empty() : Optional.of(TicketStatus.valueOf(parts[0])),
                Long.parseLong(parts[1]),
                Long.parseLong(parts[2]),
                parts[3].isEmpty() ? Optional.empty() : Optional.of(parts[3]));
    }

    HelpdeskFacts withStatus(TicketStatus newStatus, long at) {
        return at >= statusAt ? new HelpdeskFacts(Optional.of(newStatus), at, lastAgentReplyAt, mergedInto) : this;
    }

    HelpdeskFacts withAgentReply(long at) {
        return new HelpdeskFacts(status, statusAt, Math.max(lastAgentReplyAt, at), mergedInto);
    }

    HelpdeskFacts withMergedInto(String target, long at) {
        return new HelpdeskFacts(
                Optional.of(TicketStatus.MERGED), Math.max(statusAt, at), lastAgentReplyAt, Optional.of(target));
    }
}
