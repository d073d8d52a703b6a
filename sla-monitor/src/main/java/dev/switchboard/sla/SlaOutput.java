package dev.switchboard.sla;

import dev.switchboard.events.SlaAlert;
import dev.switchboard.events.SlaStatus;
import dev.switchboard.events.TicketEvent;

/** What the SLA processor forwards; the topology sends each kind to its topic. */
sealed interface SlaOutput {
    record Alert(SlaAlert alert) implements SlaOutput {}

    record StatusUpdate(SlaStatus status) implements SlaOutput {}

    /** The ticket no longer has clocks (solved, merged): a tombstone on the compacted status topic. */
    record StatusRemoved() implements SlaOutput {}

    record Escalation(TicketEvent event) implements SlaOutput {}

    /** The status topic's value: the status, or null for a tombstone. */
    static SlaStatus statusOrTombstone(SlaOutput output) {
        return output instanceof StatusUpdate update ? update.status() : null;
    }
}
