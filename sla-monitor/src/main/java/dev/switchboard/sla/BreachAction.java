package dev.switchboard.sla;

import java.util.Locale;

/** What the router is asked to do when a target is breached (the {@code SLA_ESCALATION} event's action). */
public enum BreachAction {
    NOTIFY_LEAD,
    RAISE_PRIORITY,
    REASSIGN,
    /** Alert only, no escalation event. */
    NONE;

    /** As written in {@code sla.yaml} and in the event's {@code attributes.action}: {@code notify-lead}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
