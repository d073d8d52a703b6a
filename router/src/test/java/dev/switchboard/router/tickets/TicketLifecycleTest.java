package dev.switchboard.router.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.TicketStatus;
import dev.switchboard.router.tickets.TicketLifecycle.Action;
import dev.switchboard.router.tickets.TicketLifecycle.StatusAt;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TicketLifecycleTest {
    private static final Instant T = Instant.parse("2026-11-26T09:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    private static Action act(TicketStatus router, Optional<StatusAt> helpdesk, Instant at) {
        return TicketLifecycle.onCustomerMessage(Optional.of(new StatusAt(router, T)), helpdesk, at, WEEK);
    }

    @Test
    void noTicketOpensOne() {
        assertThat(TicketLifecycle.onCustomerMessage(Optional.empty(), Optional.empty(), T, WEEK))
                .isEqualTo(Action.CREATE);
    }

    @Test
    void openAndPendingTicketsAreJoined() {
        assertThat(act(TicketStatus.NEW, Optional.empty(), T.plusSeconds(60))).isEqualTo(Action.JOIN);
        assertThat(act(
                        TicketStatus.OPEN,
                        Optional.of(new StatusAt(TicketStatus.PENDING, T.plusSeconds(10))),
                        T.plusSeconds(60)))
                .isEqualTo(Action.JOIN);
    }

    @Test
    void solvedWithinTheWindowReopensAfterItLinks() {
        Optional<StatusAt> solved = Optional.of(new StatusAt(TicketStatus.SOLVED, T.plus(Duration.ofHours(1))));
        assertThat(act(TicketStatus.OPEN, solved, T.plus(Duration.ofDays(3)))).isEqualTo(Action.REOPEN);
        assertThat(act(TicketStatus.OPEN, solved, T.plus(Duration.ofDays(7)).plus(Duration.ofHours(1))))
                .isEqualTo(Action.REOPEN);
        assertThat(act(TicketStatus.OPEN, solved, T.plus(Duration.ofDays(8)))).isEqualTo(Action.CREATE_LINKED);
    }

    @Test
    void closedAndMergedTicketsAreNeverReopened() {
        assertThat(act(
                        TicketStatus.OPEN,
                        Optional.of(new StatusAt(TicketStatus.CLOSED, T.plusSeconds(1))),
                        T.plusSeconds(60)))
                .isEqualTo(Action.CREATE_LINKED);
        assertThat(act(
                        TicketStatus.OPEN,
                        Optional.of(new StatusAt(TicketStatus.MERGED, T.plusSeconds(1))),
                        T.plusSeconds(60)))
                .isEqualTo(Action.CREATE_LINKED);
    }

    @Test
    void aNewerRouterStatusWinsOverAnOlderHelpdeskOne() {
        // solved at T-1h, then the router reopened it at T: the ticket is open.
        StatusAt router = new StatusAt(TicketStatus.OPEN, T);
        StatusAt helpdesk = new StatusAt(TicketStatus.SOLVED, T.minus(Duration.ofHours(1)));
        assertThat(TicketLifecycle.effectiveStatus(router, Optional.of(helpdesk)))
                .isEqualTo(TicketStatus.OPEN);
        StatusAt created = new StatusAt(TicketStatus.NEW, T.minus(Duration.ofHours(2)));
        assertThat(TicketLifecycle.effectiveStatus(created, Optional.of(helpdesk)))
                .isEqualTo(TicketStatus.SOLVED);
    }
}
