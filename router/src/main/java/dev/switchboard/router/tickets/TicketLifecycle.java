package dev.switchboard.router.tickets;

import dev.switchboard.events.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a customer message does to the ticket it belongs to: open one, join it, reopen it, or open
 * a new one linked to it (solved too long ago, closed, merged away).
 *
 * <p>The ticket's status is whichever of the router's and the helpdesk's last word is newer: the
 * router sets NEW and OPEN on customer messages, the helpdesk PENDING, SOLVED, CLOSED, OPEN and
 * MERGED; a status the helpdesk set at the same instant wins.
 */
public final class TicketLifecycle {
    private TicketLifecycle() {}

    public enum Action {
        /** No ticket: open one. */
        CREATE,
        /** Join the open ticket. */
        JOIN,
        /** The ticket was solved within the reopen window: reopen it. */
        REOPEN,
        /** The ticket is over (solved long ago, closed, merged): open a new one linked to it. */
        CREATE_LINKED
    }

    /** A status and when it was set. */
    public record StatusAt(TicketStatus status, Instant at) {}

    public static TicketStatus effectiveStatus(StatusAt router, Optional<StatusAt> helpdesk) {
        return helpdesk.filter(h -> !h.at().isBefore(router.at()))
                .map(StatusAt::status)
                .orElse(router.status());
    }

    /**
     * @param router the status the router last wrote
     * @param helpdesk the status the helpdesk last set, if it said anything
     * @param at when the customer's message arrived
     */
    public static Action onCustomerMessage(
            Optional<StatusAt> router, Optional<StatusAt> helpdesk, Instant at, Duration reopenWindow) {
        if (router.isEmpty()) {
            return Action.CREATE;
        }
        TicketStatus status = effectiveStatus(router.get(), helpdesk);
        return switch (status) {
            case SOLVED -> {
                Instant solvedAt =
                        helpdesk.map(StatusAt::at).orElse(router.get().at());
                yield Duration.between(solvedAt, at).compareTo(reopenWindow) <= 0
                        ? Action.REOPEN
                        : Action.CREATE_LINKED;
            }
            case CLOSED, MERGED -> Action.CREATE_LINKED;
            default -> Action.JOIN;
        };
    }

    /** Whether an agent's echo or automated mail may still attach to a ticket in this status. */
    public static boolean isOpen(TicketStatus status) {
        return status != TicketStatus.SOLVED && status != TicketStatus.CLOSED && status != TicketStatus.MERGED;
    }
}
