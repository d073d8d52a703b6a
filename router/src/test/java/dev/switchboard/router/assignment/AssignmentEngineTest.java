package dev.switchboard.router.assignment;

import static dev.switchboard.router.assignment.AssignmentFixtures.agent;
import static dev.switchboard.router.assignment.AssignmentFixtures.status;
import static dev.switchboard.router.assignment.AssignmentFixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Agent;
import dev.switchboard.events.Assignment;
import dev.switchboard.events.AssignmentAction;
import dev.switchboard.events.Channel;
import dev.switchboard.events.Ineligibility;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.Priority;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.router.config.AssignmentSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    @Test
    void aDecisionReadsAsMuchWithSixThousandWaitingAsWithEightHundred() {
        long[] small = decisionReads(800);
        long[] large = decisionReads(6_000);
        assertThat(large).as("reads for a drained decision and a queued one").isEqualTo(small);
    }

    /** Store entries read to drain one ticket when capacity frees, and to queue one new ticket. */
    private static long[] decisionReads(int waiting) {
        EngineHarness h = new EngineHarness(AssignmentSettings.defaults(), T0)
                .agent(agent("amira").capacity(1).languages("en").build())
                .online("amira");
        h.event(ticket("SB-0").created(T0));
        Channel[] channels = {Channel.EMAIL, Channel.WHATSAPP, Channel.WEB};
        for (int i = 1; i <= waiting; i++) {
            h.event(ticket("SB-" + i)
                    .channel(channels[i % 3])
                    .language(i % 4 == 0 ? "ar" : "en")
                    .priority(Priority.values()[i % 4])
                    .created(T0.plusSeconds(i)));
        }
        long before = reads(h);
        h.event(status("SB-0", TicketStatus.SOLVED, T0.plusSeconds(waiting + 1)));
        long drained = reads(h) - before;
        assertThat(h.loads()).containsEntry("amira", 1);
        before = reads(h);
        h.event(ticket("SB-NEW").created(T0.plusSeconds(waiting + 2)));
        long queued = reads(h) - before;
        assertThat(h.last("SB-NEW").getAction()).isEqualTo(AssignmentAction.QUEUED);
        return new long[] {drained, queued};
    }

    private static long reads(EngineHarness h) {
        return h.queue.reads() + h.buckets.reads() + h.tickets.reads() + h.agents.reads();
    }

    @Test
    void theSampleTeamMakesAnArabicRefundWaitForTheCairoApproverOverTheWeekend() {
        Instant friday = Instant.parse("2026-11-27T10:00:00Z");
        EngineHarness h = new EngineHarness(AssignmentFixtures.shippedSettings(), friday);
        List<Agent> team = AssignmentFixtures.sampleTeam(friday);
        team.forEach(h::agent);
        team.forEach(a -> h.presence(a.getId(), PresenceStatus.ONLINE));

        h.event(ticket("SB-1")
                .intent("refund")
                .team("billing")
                .language("ar")
                .channel(Channel.WHATSAPP)
                .escalated("refund-over-limit", "refund-approver")
                .created(friday));
        h.event(ticket("SB-2").language("en").channel(Channel.EMAIL).created(friday));

        Assignment waits = h.last("SB-1");
        assertThat(waits.getAction()).isEqualTo(AssignmentAction.QUEUED);
        assertThat(waits.getExplanation().get(0))
                .isEqualTo("no Arabic-speaking refund-approver on shift until Sun 09:00 Africa/Cairo (amira)");
        assertThat(waits.getNotEligible())
                .containsExactly(
                        new Ineligibility("not in team billing", List.of("jake", "layla", "maria", "omar")),
                        new Ineligibility("does not speak Arabic", List.of("sarah")),
                        new Ineligibility("off shift", List.of("amira")));
        Assignment sarah = h.last("SB-2");
        assertThat(sarah.getAgentId()).isEqualTo("sarah");
        assertThat(sarah.getExplanation()).contains("on shift until 16:30 Europe/London");

        h.advance(Duration.ofHours(45), Duration.ofMinutes(1));
        assertThat(h.assignee("SB-1")).contains("amira");
        assertThat(h.last("SB-1").getExplanation())
                .contains(
                        "speaks Arabic",
                        "refund-approver (required by refund-over-limit)",
                        "on shift until 17:00 Africa/Cairo");
    }

    @Test
    void aLeadAsksToHandATicketToSomeoneNamedOrElseToAnyoneButTheAssignee() {
        EngineHarness h = new EngineHarness(AssignmentSettings.defaults(), T0)
                .agent(agent("amira").build())
                .agent(agent("omar").build())
                .agent(agent("sarah").build())
                .online("amira", "omar", "sarah");
        h.event(ticket("SB-1").created(T0));
        assertThat(h.assignee("SB-1")).contains("amira");

        h.event(TicketEvent.newBuilder(AssignmentFixtures.helpdesk("SB-1", TicketEventType.REASSIGN_REQUESTED, T0))
                .setAgentId("amira")
                .setAttributes(Map.of("toAgent", "sarah", "reason", "she knows the order"))
                .build());
        Assignment a = h.last("SB-1");
        assertThat(a.getAction()).isEqualTo(AssignmentAction.REASSIGNED);
        assertThat(a.getAgentId()).isEqualTo("sarah");
        assertThat(a.getRulesApplied())
                .containsExactly("reassigned: amira asked to hand it over (she knows the order)", "requested: sarah");

        h.event(TicketEvent.newBuilder(AssignmentFixtures.helpdesk("SB-1", TicketEventType.REASSIGN_REQUESTED, T0))
                .setAgentId("sarah")
                .build());
        assertThat(h.last("SB-1").getAgentId()).isEqualTo("omar");
        assertThat(h.last("SB-1").getNotEligible())
                .containsExactly(new Ineligibility("just taken off this ticket", List.of("sarah")));
    }

    @Test
    void anAwayAgentKeepsTheirTicketsButGetsNoNewOnes() {
        EngineHarness h = new EngineHarness(AssignmentSettings.defaults(), T0)
                .agent(agent("amira").build())
                .online("amira");
        h.event(ticket("SB-1").created(T0));
        h.presence("amira", PresenceStatus.AWAY);
        h.event(ticket("SB-2").created(T0));
        assertThat(h.assignee("SB-1")).contains("amira");
        assertThat(h.last("SB-2").getExplanation().get(0))
                .isEqualTo("no English-speaking agent available now: amira away");

        h.presence("amira", PresenceStatus.ONLINE);
        assertThat(h.assignee("SB-2")).contains("amira");
    }

    @Test
    void aCustomerWritingBackToAPendingTicketGivesItBackToItsAgentWhenTheyCanTakeIt() {
        EngineHarness h = new EngineHarness(AssignmentSettings.defaults(), T0)
                .agent(agent("amira").capacity(1).build())
                .agent(agent("omar").capacity(1).build())
                .online("amira");
        h.event(ticket("SB-1").created(T0));
        h.event(status("SB-1", TicketStatus.PENDING, T0.plusSeconds(10)));
        assertThat(h.loads()).containsEntry("amira", 0);
        h.event(ticket("SB-2").created(T0.plusSeconds(20)));
        assertThat(h.assignee("SB-2")).contains("amira");
        h.online("omar");

        // amira is full now: the customer's answer goes to omar
        h.event(AssignmentFixtures.routerEvent(
                "SB-1",
                TicketEventType.CUSTOMER_MESSAGE,
                ticket("SB-1").status(TicketStatus.OPEN).summary(T0),
                T0.plusSeconds(30)));
        Assignment a = h.last("SB-1");
        assertThat(a.getAgentId()).isEqualTo("omar");
        assertThat(a.getRulesApplied()).contains("reassigned: the customer wrote back while amira is at capacity");
        assertThat(h.loads()).containsEntry("amira", 1).containsEntry("omar", 1);
    }

    @Test
    void aNoteOnAClosedTicketDoesNotBringItBack() {
        EngineHarness h = new EngineHarness(AssignmentSettings.defaults(), T0)
                .agent(agent("amira").build())
                .online("amira");
        h.event(ticket("SB-1").created(T0));
        h.event(status("SB-1", TicketStatus.CLOSED, T0.plusSeconds(10)));
        h.drain();
        h.event(AssignmentFixtures.routerEvent(
                "SB-1",
                TicketEventType.NOTE_ADDED,
                ticket("SB-1").status(TicketStatus.OPEN).summary(T0),
                T0.plusSeconds(20)));
        assertThat(h.assignments).isEmpty();
        assertThat(h.loads()).containsEntry("amira", 0);
    }
}
