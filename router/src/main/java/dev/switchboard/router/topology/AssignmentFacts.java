package dev.switchboard.router.topology;

import dev.switchboard.events.Priority;
import java.util.Optional;

/**
 * What assignment decided about a ticket, as the ticket index keeps it for the ticket processor:
 * the assignee, and the priority an SLA breach raised the ticket to. The ticket processor puts both
 * on the summaries it writes, so the SLA monitor and the helpdesk never see the assignee vanish or
 * the priority fall back when the customer writes again.
 */
public record AssignmentFacts(Optional<String> assignee, Optional<Priority> priorityFloor) {
    public static final AssignmentFacts NONE = new AssignmentFacts(Optional.empty(), Optional.empty());

    String encode() {
        return assignee.orElse("") + "|" + priorityFloor.map(Enum::name).orElse("");
    }

    static AssignmentFacts decode(String text) {
        int i = text.lastIndexOf('|');
        if (i < 0) {
            throw new IllegalArgumentException("Not assignment facts: " + text);
        }
        String who = text.substring(0, i);
        String floor = text.substring(i + 1);
        return new AssignmentFacts(
                who.isEmpty() ? Optional.empty() : Optional.of(who),
                floor.isEmpty() ? Optional.empty() : Optional.of(Priority.valueOf(floor)));
    }

    AssignmentFacts withAssignee(String agentId) {
        return new AssignmentFacts(Optional.ofNullable(agentId), priorityFloor);
    }

    AssignmentFacts withFloor(Priority floor) {
        return new AssignmentFacts(assignee, Optional.of(floor));
    }

    /** The higher of a priority and the floor. */
    public Priority atLeastFloor(Priority p) {
        return priorityFloor.filter(f -> f.ordinal() > p.ordinal()).orElse(p);
    }
}
