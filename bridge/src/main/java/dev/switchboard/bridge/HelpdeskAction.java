package dev.switchboard.bridge;

import dev.switchboard.events.AgentPresence;
import dev.switchboard.events.TicketEvent;

/** One thing the helpdesk tells Switchboard: a ticket event, or an agent's presence. */
public sealed interface HelpdeskAction {
    record Ticket(TicketEvent event) implements HelpdeskAction {}

    record Presence(AgentPresence presence) implements HelpdeskAction {}
}
