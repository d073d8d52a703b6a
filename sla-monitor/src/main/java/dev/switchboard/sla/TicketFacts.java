package dev.switchboard.sla;

import dev.switchboard.events.Channel;
import dev.switchboard.events.Priority;
import dev.switchboard.events.TicketSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What policies match on: priority, channel, customer tier and team, as the router last described
 * the ticket.
 *
 * @param customerTier null when unknown
 */
public record TicketFacts(Priority priority, Channel channel, String customerTier, String team) {
    public static final TicketFacts UNKNOWN = new TicketFacts(Priority.NORMAL, Channel.UNKNOWN, null, "");

    public TicketFacts {
        priority = priority == null ? Priority.NORMAL : priority;
        channel = channel == null ? Channel.UNKNOWN : channel;
        team = team == null ? "" : team;
    }

    public static TicketFacts of(TicketSummary s) {
        return new TicketFacts(s.getPriority(), s.getChannel(), s.getCustomerTier(), s.getTeam());
    }

    /** What changed since {@code before}, e.g. {@code priority NORMAL → URGENT}; empty when nothing did. */
    public String changesSince(TicketFacts before) {
        List<String> changes = new ArrayList<>();
        if (priority != before.priority) {
            changes.add("priority " + before.priority + " → " + priority);
        }
        if (channel != before.channel) {
            changes.add("channel " + before.channel + " → " + channel);
        }
        if (!Objects.equals(customerTier, before.customerTier)) {
            changes.add("customer tier " + orNone(before.customerTier) + " → " + orNone(customerTier));
        }
        if (!team.equals(before.team)) {
            changes.add("team " + orNone(before.team) + " → " + orNone(team));
        }
        return String.join(", ", changes);
    }

    private static String orNone(String s) {
        return s == null || s.isEmpty() ? "none" : s;
    }
}
