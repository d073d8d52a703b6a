package dev.switchboard.router.assignment;

import dev.switchboard.events.TicketStatus;
import dev.switchboard.events.TicketSummary;

/**
 * What a routing group's state holds per ticket: the router's latest summary (with the priority as
 * raised by SLA escalations and the assignee as assignment set it), status, assignee, replies, the
 * queue key while it waits, and counters for event ids. Mutable, stored as JSON.
 */
public final class TicketRecord {
    String ticketId;
    TicketSummary summary;
    /** NEW, OPEN, PENDING or SOLVED (closed and merged tickets are forgotten). */
    TicketStatus status = TicketStatus.NEW;

    String assignee;
    long assignedAt;
    /** The number of the assignment's decision: a reply deadline belongs to one assignment. */
    int assignedSeq;
    /** The last agent who had the ticket, kept after it is solved: a reopened ticket goes back to them. */
    String lastAgent;
    /** The agent it was just taken from (no reply in time, asked to hand it over): not them again for now. */
    String handedBackBy;

    /** Decisions and events written for the ticket: their ids are ticket:group:n. */
    int seq;

    long firstReplyAt;
    long lastReplyAt;
    long createdAt;
    long sourceReceivedAt;
    long solvedAt;
    /** SLA due time from the SLA monitor's status; 0 = none known. */
    long dueAt;
    /** Priority ordinal an SLA escalation raised the ticket to; -1 = none. */
    int priorityFloor = -1;
    /** The ticket's key in the queue store while it waits; null otherwise. */
    String queueKey;
    /** Epoch ms since when it waits. */
    long queuedAt;

    public String ticketId() {
        return ticketId;
    }

    public TicketSummary summary() {
        return summary;
    }

    public TicketStatus status() {
        return status;
    }

    public String assignee() {
        return assignee;
    }

    public boolean queued() {
        return queueKey != null;
    }
}
