package dev.switchboard.router.assignment;

import static dev.switchboard.router.assignment.AssignmentFixtures.agent;
import static dev.switchboard.router.assignment.AssignmentFixtures.status;
import static dev.switchboard.router.assignment.AssignmentFixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.AssignmentAction;
import dev.switchboard.events.Priority;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.router.config.AssignmentSettings;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The engine's decisions over in-memory state. */
class AssignmentEngineTest {
    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void capacityReachedThenQueueThenSolvedFreesTheNextInPriorityOrder() {
        EngineHarness h = new EngineHarness(AssignmentSettings.defaults(), T0)
                .agent(agent("amira").capacity(2).build())
                .online("amira");
        h.event(ticket("SB-1").created(T0)).event(ticket("SB-2").created(T0));
        h.event(ticket("SB-3").priority(Priority.LOW).created(T0.plusSeconds(1)));
        h.event(ticket("SB-4").priority(Priority.URGENT).created(T0.plusSeconds(2)));
        assertThat(h.assignee("SB-1")).contains("amira");
        assertThat(h.assignee("SB-2")).contains("amira");
        assertThat(h.last("SB-3").getAction()).isEqualTo(AssignmentAction.QUEUED);
        assertThat(h.last("SB-3").getExplanation().get(0)).contains("amira at capacity 2/2");
        assertThat(h.last("SB-4").getAction()).isEqualTo(AssignmentAction.QUEUED);

        h.event(status("SB-1", TicketStatus.SOLVED, T0.plusSeconds(60)));

        assertThat(h.assignee("SB-4")).contains("amira");
        assertThat(h.last("SB-3").getAction()).isEqualTo(AssignmentAction.QUEUED);
        assertThat(h.loads()).containsEntry("amira", 2);
    }
}
