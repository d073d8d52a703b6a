package dev.switchboard.router.topology;

import dev.switchboard.events.TicketSummary;
import java.util.List;
import java.util.Set;

/**
 * What the router keeps per ticket between messages: the summary it writes on every event, and
 * the history priority and reopening need.
 *
 * @param summary the ticket as the last event described it
 * @param statusAt when the router last set the status (epoch ms), to order it against the
 *     helpdesk's status changes
 * @param eventSeq the number of events written for the ticket: event ids are {@code ticket:seq}
 * @param customerMessageTimes recent customer messages (epoch ms), for follow-up counting
 * @param lastAgentReplyAt the last agent reply the router saw itself (social echoes), epoch ms or 0
 * @param signals every signal seen on the ticket's customer messages: priority does not drop
 *     because the latest message is calmer
 * @param escalationPrecedence the precedence of the rule that escalated the ticket, -1 if none
 * @param unreachable addresses that bounced
 */
public record TicketState(
        String ticketId,
        TicketSummary summary,
        long statusAt,
        long eventSeq,
        List<Long> customerMessageTimes,
        long lastAgentReplyAt,
        Set<String> signals,
        int escalationPrecedence,
        Set<String> unreachable) {
    public TicketState {
        customerMessageTimes = List.copyOf(customerMessageTimes);
        signals = Set.copyOf(signals);
        unreachable = Set.copyOf(unreachable);
    }
}
