package dev.switchboard.sla;

import dev.switchboard.events.SlaAlert;
import dev.switchboard.events.SlaStatus;
import dev.switchboard.events.TicketEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What handling one event (or one wall-clock check) of a ticket produced: alerts, escalation
 * events, the status to publish or remove, and whether the ticket's state is kept or forgotten.
 */
final class Effects {
    private final TicketSla ticket;
    private final Instant now;
    private final List<SlaAlert> alerts = new ArrayList<>();
    private final List<TicketEvent> escalations = new ArrayList<>();
    private SlaStatus status;
    private boolean statusRemoved;
    private boolean forgotten;

    Effects(TicketSla ticket, Instant now) {
        this.ticket = ticket;
        this.now = now;
    }

    /** Nothing to do: a duplicate event, our own escalation, an event for a ticket we do not track. */
    static Effects ignored() {
        return new Effects(null, null);
    }

    boolean isIgnored() {
        return ticket == null;
    }

    /** The state to keep; empty when the ticket is forgotten (merged, closed, long solved) or ignored. */
    Optional<TicketSla> kept() {
        return forgotten ? Optional.empty() : Optional.ofNullable(ticket);
    }

    Instant now() {
        return now;
    }

    void alert(SlaAlert alert) {
        alerts.add(alert);
    }

    void escalate(TicketEvent event) {
        escalations.add(event);
    }

    void publish(SlaStatus s) {
        status = s;
        statusRemoved = false;
    }

    void removeStatus() {
        status = null;
        statusRemoved = true;
    }

    void forget() {
        forgotten = true;
    }

    boolean forgotten() {
        return forgotten;
    }

    boolean hasAlerts() {
        return !alerts.isEmpty();
    }

    List<SlaAlert> alerts() {
        return alerts;
    }

    List<TicketEvent> escalations() {
        return escalations;
    }

    /** The status to publish; empty when there is none (see {@link #statusRemoved()}). */
    Optional<SlaStatus> status() {
        return Optional.ofNullable(status);
    }

    /** True when the ticket's status record is to be removed (a tombstone). */
    boolean statusRemoved() {
        return statusRemoved;
    }
}
