package dev.switchboard.router.assignment;

import dev.switchboard.events.Assignment;
import dev.switchboard.events.TicketEvent;

/** Where the engine's decisions go: assignments and the ticket events that tell the other services. */
public interface Decisions {
    void assignment(Assignment assignment);

    void event(TicketEvent event);
}
