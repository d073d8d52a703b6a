package dev.switchboard.router.topology;

import static dev.switchboard.router.assignment.AssignmentFixtures.agent;
import static dev.switchboard.router.assignment.AssignmentFixtures.reply;
import static dev.switchboard.router.assignment.AssignmentFixtures.routerEvent;
import static dev.switchboard.router.assignment.AssignmentFixtures.slaEscalation;
import static dev.switchboard.router.assignment.AssignmentFixtures.status;
import static dev.switchboard.router.assignment.AssignmentFixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Assignment;
import dev.switchboard.events.AssignmentAction;
import dev.switchboard.events.Channel;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.Ineligibility;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.Priority;
import dev.switchboard.events.SlaClockState;
import dev.switchboard.events.SlaClockStatus;
import dev.switchboard.events.SlaMetric;
import dev.switchboard.events.SlaStatus;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.router.assignment.AssignmentFixtures;
import dev.switchboard.router.assignment.BusyDay;
import dev.switchboard.router.assignment.Invariants;
import dev.switchboard.router.config.AssignmentSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assignment's topology with Kafka Streams' test driver and a wall clock the test moves. */
class TicketAssignerTopologyTest {
    /** A Thursday, 09:00 UTC. */
    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    @TempDir
    Path stateDir;

    private AssignerDriver d;

    private AssignerDriver driver(AssignmentSettings settings) {
        d = new AssignerDriver(stateDir, settings, T0);
        return d;
    }

    @AfterEach
    void close() {
        if (d != null) {
            d.close();
            assertThat(d.deadLetters)
                    .as("processing errors")
                    .allMatch(dl -> dl.getReason() == DeadLetterReason.UNDECODABLE_RECORD);
        }
    }

    @Test
    void capacityReachedThenQueuedThenASolvedTicketFreesTheNextInPriorityOrder() {
        driver(AssignmentSettings.defaults())
                .agent(agent("amira").capacity(2).build())
                .online("amira");
        d.event(ticket("SB-1").created(T0)).event(ticket("SB-2").created(T0));
        d.event(ticket("SB-3").priority(Priority.NORMAL).created(T0));
        d.event(ticket("SB-4").priority(Priority.LOW).created(T0));
        d.event(ticket("SB-5").priority(Priority.HIGH).created(T0));

        assertThat(d.assignee("SB-1")).contains("amira");
        assertThat(d.assignee("SB-2")).contains("amira");
        Assignment waits = d.last("SB-5");
        assertThat(waits.getAction()).isEqualTo(AssignmentAction.QUEUED);
        assertThat(waits.getExplanation().get(0))
                .isEqualTo("no English-speaking agent available now: amira at capacity 2/2");
        assertThat(waits.getQueuePosition()).isEqualTo(1);
        assertThat(d.lastEvent("SB-5").getType()).isEqualTo(TicketEventType.QUEUED);
        assertThat(d.lastEvent("SB-5").getTicket().getAssignee()).isNull();

        // when the helpdesk solves SB-1, the HIGH ticket goes first, then (SB-2 solved) the NORMAL one
        d.event(status("SB-1", TicketStatus.SOLVED, T0.plusSeconds(60)));
        assertThat(d.assignee("SB-5")).contains("amira");
        assertThat(d.last("SB-3").getAction()).isEqualTo(AssignmentAction.QUEUED);
        d.event(status("SB-2", TicketStatus.PENDING, T0.plusSeconds(90)));
        assertThat(d.assignee("SB-3")).contains("amira");
        assertThat(d.last("SB-4").getAction()).isEqualTo(AssignmentAction.QUEUED);

        Assignment drained = d.last("SB-5");
        assertThat(drained.getRulesApplied()).anyMatch(r -> r.startsWith("drained: amira"));
        TicketEvent assigned = d.lastEvent("SB-5");
        assertThat(assigned.getType()).isEqualTo(TicketEventType.ASSIGNED);
        assertThat(assigned.getAgentId()).isEqualTo("amira");
        assertThat(assigned.getTicket().getAssignee()).isEqualTo("amira");
        assertThat(assigned.getSourceReceivedAt()).isEqualTo(T0.minusMillis(250));
        assertThat(d.agentStates().get("amira").load()).isEqualTo(2);
    }

    @Test
    void opsSeeAssignmentLatencyQueueDepthOldestWaitAndAgentsPerGroup() {
        driver(AssignmentSettings.defaults())
                .agent(agent("amira").capacity(1).build())
                .agent(agent("omar").build())
                .online("amira");
        d.event(ticket("SB-1").created(T0))
                .event(ticket("SB-2").created(T0))
                .event(ticket("SB-3").created(T0));

        d.advance(Duration.ofSeconds(90), Duration.ofSeconds(1));

        var meters = d.meters;
        assertThat(meters.get(RouterMetrics.ASSIGNMENT_LATENCY).timer().count()).isEqualTo(1);
        assertThat(meters.get(RouterMetrics.QUEUE_DEPTH)
                        .tag("group", "default")
                        .gauge()
                        .value())
                .isEqualTo(2);
        assertThat(meters.get(RouterMetrics.QUEUE_OLDEST_WAIT)
                        .tag("group", "default")
                        .gauge()
                        .value())
                .isBetween(80.0, 90.0);
        assertThat(meters.get(RouterMetrics.AGENTS_ONLINE)
                        .tag("group", "default")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(meters.get(RouterMetrics.AGENTS_ON_SHIFT)
                        .tag("group", "default")
                        .gauge()
                        .value())
                .isEqualTo(2);
    }

    @Test
    void anAgentGoingOfflineBeforeReplyingLosesTheTicketToSomeoneElse() {
        driver(AssignmentSettings.defaults())
                .agent(agent("amira").build())
                .agent(agent("omar").build())
                .online("amira", "omar");
        d.event(ticket("SB-1").created(T0)).event(ticket("SB-2").created(T0));
        assertThat(d.assignee("SB-1")).contains("amira");
        assertThat(d.assignee("SB-2")).contains("omar");
        d.event(reply("SB-2", "omar", T0.plusSeconds(30)));

        d.presence("amira", PresenceStatus.OFFLINE);
        Assignment moved = d.last("SB-1");
        assertThat(moved.getAction()).isEqualTo(AssignmentAction.REASSIGNED);
        assertThat(moved.getAgentId()).isEqualTo("omar");
        assertThat(moved.getPreviousAgentId()).isEqualTo("amira");
        assertThat(moved.getRulesApplied()).contains("reassigned: amira went offline before replying");
        assertThat(moved.getNotEligible()).containsExactly(new Ineligibility("offline", List.of("amira")));
        assertThat(d.lastEvent("SB-1").getType()).isEqualTo(TicketEventType.ASSIGNED);
        // omar had answered SB-2: going offline later does not take it from him
        d.presence("omar", PresenceStatus.OFFLINE);
        assertThat(d.assignee("SB-2")).contains("omar");
        // SB-1 he had not: nobody else is online, so it waits
        assertThat(d.actions("SB-1"))
                .containsExactly(
                        AssignmentAction.ASSIGNED,
                        AssignmentAction.REASSIGNED,
                        AssignmentAction.UNASSIGNED,
                        AssignmentAction.QUEUED);
    }

    @Test
    void aShiftStartingDrainsTheQueueOnTheWallClock() {
        driver(AssignmentSettings.defaults())
                .agent(agent("maria")
                        .zone("Asia/Manila")
                        .shift(DayOfWeek.THURSDAY, "18:00", "02:00")
                        .build())
                .online("maria");
        d.event(ticket("SB-1").created(T0))
                .event(ticket("SB-2").priority(Priority.HIGH).created(T0));
        // 09:00 UTC is 17:00 in Manila
        assertThat(d.last("SB-1").getExplanation().get(0))
                .isEqualTo("no English-speaking agent on shift until 18:00 Asia/Manila (maria)");

        d.advance(Duration.ofMinutes(59), Duration.ofSeconds(30));
        assertThat(d.last("SB-1").getAction()).isEqualTo(AssignmentAction.QUEUED);
        d.advance(Duration.ofMinutes(1), Duration.ofSeconds(1));
        assertThat(d.assignee("SB-1")).contains("maria");
        assertThat(d.assignee("SB-2")).contains("maria");
        assertThat(d.decisions)
                .filteredOn(a -> a.getAction() == AssignmentAction.ASSIGNED)
                .extracting(Assignment::getTicketId)
                .containsExactly("SB-2", "SB-1");
        assertThat(d.last("SB-1").getExplanation()).contains("on shift until Fri 02:00 Asia/Manila");
    }

    @Test
    void theShiftEndingTakesBackWhatTheAgentHasNotAnswered() {
        driver(AssignmentSettings.defaults())
                .agent(agent("jake")
                        .zone("America/New_York")
                        .shift(DayOfWeek.THURSDAY, "00:00", "04:30")
                        .build())
                .agent(agent("sarah").zone("Europe/London").build())
                .online("jake");
        d.event(ticket("SB-1").created(T0));
        assertThat(d.assignee("SB-1")).contains("jake");
        d.online("sarah");
        d.advance(Duration.ofMinutes(31), Duration.ofSeconds(10));
        Assignment moved = d.last("SB-1");
        assertThat(moved.getAgentId()).isEqualTo("sarah");
        assertThat(moved.getRulesApplied()).contains("reassigned: jake's shift ended before they replied");
    }

    @Test
    void anEscalatedRefundGoesOnlyToAnApprover() {
        driver(AssignmentSettings.defaults())
                .agent(agent("omar").teams("billing").build())
                .agent(agent("sarah")
                        .teams("billing")
                        .roles("manager", "refund-approver")
                        .build())
                .online("omar", "sarah");
        d.event(ticket("SB-0").team("billing").intent("refund").created(T0));
        assertThat(d.assignee("SB-0")).contains("omar");
        d.event(ticket("SB-1").team("billing").intent("refund").created(T0));
        assertThat(d.assignee("SB-1")).contains("sarah");
        d.event(ticket("SB-2")
                .team("billing")
                .intent("refund")
                .escalated("refund-over-limit", "refund-approver")
                .created(T0));

        Assignment a = d.last("SB-2");
        assertThat(a.getAgentId()).isEqualTo("sarah");
        assertThat(a.getExplanation()).contains("refund-approver (required by refund-over-limit)", "load 1/5");
        assertThat(a.getRulesApplied())
                .containsExactly("escalation refund-over-limit requires a refund-approver", "the only eligible agent");
        assertThat(a.getAgentsConsidered()).isEqualTo(2);
        assertThat(a.getNotEligible()).containsExactly(new Ineligibility("not a refund-approver", List.of("omar")));

        // an escalation after the assignment moves the ticket to an approver
        d.event(routerEvent(
                "SB-0",
                TicketEventType.ESCALATED,
                ticket("SB-0")
                        .team("billing")
                        .intent("refund")
                        .escalated("refund-over-limit", "refund-approver")
                        .summary(T0),
                T0.plusSeconds(5)));
        assertThat(d.last("SB-0").getAgentId()).isEqualTo("sarah");
        assertThat(d.last("SB-0").getRulesApplied().get(0))
                .isEqualTo(
                        "reassigned: the ticket now needs a refund-approver, which omar is not: not a refund-approver");
    }

    @Test
    void aCustomersNextTicketGoesToTheirPreviousAgentWithinTheWindow() {
        driver(AssignmentSettings.defaults())
                .agent(agent("amira").build())
                .agent(agent("omar").build())
                .online("amira", "omar");
        d.event(ticket("SB-1").customer("layla@example.com").created(T0));
        d.event(ticket("SB-2").created(T0));
        d.event(ticket("SB-3").created(T0));
        assertThat(d.assignee("SB-1")).contains("amira");
        // amira has 2, omar 1: the lowest load would be omar
        d.advance(Duration.ofHours(2));
        d.event(ticket("SB-4").customer("layla@example.com").created(d.now()));
        Assignment a = d.last("SB-4");
        assertThat(a.getAgentId()).isEqualTo("amira");
        assertThat(a.getRulesApplied()).containsExactly("sticky: amira had this customer 2h ago (window 7d)");

        // after the window, the lowest load wins again
        d.advance(Duration.ofDays(8));
        d.event(ticket("SB-5").customer("layla@example.com").created(d.now()));
        assertThat(d.last("SB-5").getAgentId()).isEqualTo("omar");
    }

    @Test
    void aTicketGoesToSomeoneWhoSpeaksItsLanguageOrWaitsForThem() {
        driver(AssignmentFixtures.shippedSettings())
                .agent(agent("jake").languages("en", "es").build())
                .agent(agent("layla").languages("ar", "en").capacity(1).build())
                .online("jake", "layla");
        d.event(ticket("SB-1").language("ar").channel(Channel.WHATSAPP).created(T0));
        Assignment a = d.last("SB-1");
        assertThat(a.getAgentId()).isEqualTo("layla");
        assertThat(a.getExplanation()).contains("speaks Arabic");
        assertThat(a.getNotEligible()).containsExactly(new Ineligibility("does not speak Arabic", List.of("jake")));

        // layla is full: Arabic waits (no fallback for ar), French falls back to English
        d.event(ticket("SB-2").language("ar").created(T0));
        assertThat(d.last("SB-2").getExplanation().get(0))
                .isEqualTo("no Arabic-speaking agent available now: layla at capacity 1/1");
        d.event(ticket("SB-3").language("fr").created(T0));
        assertThat(d.last("SB-3").getAgentId()).isEqualTo("jake");
        assertThat(d.last("SB-3").getExplanation()).contains("speaks English (fallback for French)");
        assertThat(d.last("SB-3").getRulesApplied())
                .contains("language fallback: no eligible agent speaks the ticket's language");
    }

    @Test
    void slaEscalationsRaiseThePriorityReassignOrNotifyTheLeads() {
        driver(AssignmentSettings.defaults())
                .agent(agent("amira").capacity(1).build())
                .agent(agent("sarah").roles("manager").capacity(1).build())
                .online("amira", "sarah");
        d.event(ticket("SB-1").created(T0)).event(ticket("SB-2").created(T0));
        d.event(ticket("SB-3").created(T0)).event(ticket("SB-4").created(T0.plusSeconds(1)));
        assertThat(d.assignee("SB-1")).contains("amira");
        assertThat(d.assignee("SB-2")).contains("sarah");

        // raise-priority: SB-4 overtakes SB-3 in the queue
        d.event(slaEscalation("SB-4", "raise-priority", null, T0.plusSeconds(60)));
        TicketEvent raised = d.lastEvent("SB-4");
        assertThat(raised.getType()).isEqualTo(TicketEventType.PRIORITY_CHANGED);
        assertThat(raised.getTicket().getPriority()).isEqualTo(Priority.HIGH);
        assertThat(raised.getReasons()).containsExactly("NORMAL -> HIGH: SLA first reply breached (policy standard)");
        // a later router summary with the old priority does not lower it
        d.event(routerEvent("SB-4", TicketEventType.NOTE_ADDED, ticket("SB-4").summary(T0), T0.plusSeconds(61)));
        d.event(status("SB-1", TicketStatus.SOLVED, T0.plusSeconds(62)));
        assertThat(d.assignee("SB-4")).contains("amira");
        assertThat(d.last("SB-4").getPriority()).isEqualTo(Priority.HIGH);

        // reassign: from sarah to whoever else can take it (nobody: it waits, not with her)
        d.event(slaEscalation("SB-2", "reassign", "sarah", T0.plusSeconds(120)));
        assertThat(d.actions("SB-2"))
                .containsExactly(AssignmentAction.ASSIGNED, AssignmentAction.UNASSIGNED, AssignmentAction.QUEUED);
        assertThat(d.last("SB-2").getRulesApplied())
                .contains("reassigned: SLA first reply breached (policy standard), taken from sarah");
        // sarah's freed place goes to SB-3, SB-2 is not hers again
        assertThat(d.assignee("SB-3")).contains("sarah");
        assertThat(d.last("SB-2").getAction()).isEqualTo(AssignmentAction.QUEUED);

        // notify-lead: a note naming the managers
        d.event(slaEscalation("SB-3", "notify-lead", "sarah", T0.plusSeconds(180)));
        TicketEvent note = d.lastEvent("SB-3");
        assertThat(note.getType()).isEqualTo(TicketEventType.NOTE_ADDED);
        assertThat(note.getReasons().get(0))
                .isEqualTo("SLA first reply breached (policy standard): the team's leads should look at it: "
                        + "Sarah (sarah, manager, on shift)");
        assertThat(note.getAttributes()).containsEntry("leads", "sarah");
    }

    @Test
    void anSlaDueTimeOrdersTicketsOfTheSamePriority() {
        driver(AssignmentSettings.defaults())
                .agent(agent("amira").capacity(1).build())
                .online("amira");
        d.event(ticket("SB-1").created(T0))
                .event(ticket("SB-2").created(T0))
                .event(ticket("SB-3").created(T0));
        d.sla(slaStatus("SB-3", T0.plus(Duration.ofMinutes(30))));
        d.sla(slaStatus("SB-2", T0.plus(Duration.ofHours(8))));
        d.event(status("SB-1", TicketStatus.SOLVED, T0.plusSeconds(10)));
        assertThat(d.assignee("SB-3")).contains("amira");
    }

    @Test
    void aReopenedTicketGoesBackToItsLastAgent() {
        driver(AssignmentSettings.defaults())
                .agent(agent("amira").build())
                .agent(agent("omar").build())
                .online("amira", "omar");
        d.event(ticket("SB-1").created(T0));
        d.event(status("SB-1", TicketStatus.SOLVED, T0.plusSeconds(60)));
        d.event(ticket("SB-2").customer("x@example.com").created(T0)); // amira: lower id, both idle
        d.event(routerEvent(
                "SB-1",
                TicketEventType.REOPENED,
                ticket("SB-1").status(TicketStatus.OPEN).summary(T0),
                T0.plusSeconds(120)));
        Assignment a = d.last("SB-1");
        assertThat(a.getAgentId()).isEqualTo("amira");
        assertThat(a.getRulesApplied()).containsExactly("reopened", "reopened: back to amira");
    }

    @Test
    void noReplyWithinTheConfiguredTimeGivesTheTicketToSomeoneElse() {
        AssignmentSettings settings =
                new AssignmentSettings(null, null, null, Duration.ofMinutes(30), null, null, null, null);
        driver(settings)
                .agent(agent("amira").build())
                .agent(agent("omar").build())
                .online("amira", "omar");
        d.event(ticket("SB-1").created(T0)).event(ticket("SB-2").created(T0));
        d.event(reply("SB-2", "omar", T0.plusSeconds(600)));
        d.advance(Duration.ofMinutes(31), Duration.ofMinutes(1));
        assertThat(d.last("SB-1").getAgentId()).isEqualTo("omar");
        assertThat(d.last("SB-1").getRulesApplied()).contains("reassigned: amira did not reply within 30m");
        assertThat(d.assignee("SB-2")).contains("omar");
    }

    @Test
    void undecodableAgentRecordsBecomeDeadLettersAndAssignmentGoesOn() {
        driver(AssignmentSettings.defaults());
        d.rawAgent("amira".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
        assertThat(d.deadLetters).singleElement().satisfies(dl -> {
            assertThat(dl.getReason()).isEqualTo(DeadLetterReason.UNDECODABLE_RECORD);
            assertThat(dl.getContext())
                    .containsEntry("topic", AssignerDriver.TOPICS.agents().name());
        });
        d.agent(agent("amira").build()).online("amira").event(ticket("SB-1").created(T0));
        assertThat(d.assignee("SB-1")).contains("amira");

        // an agent record that decodes but cannot be used (no such zone) is a processing error
        d.agent(agent("omar").zone("Mars/Olympus_Mons").build());
        assertThat(d.deadLetters).last().satisfies(dl -> {
            assertThat(dl.getReason()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
            assertThat(dl.getDetail()).contains("agent omar", "Mars/Olympus_Mons");
        });
        d.deadLetters.clear();
        d.event(ticket("SB-2").created(T0));
        assertThat(d.assignee("SB-2")).contains("amira");
    }

    @Test
    void anAgentMovingToAnotherGroupGivesUpTheirTickets() {
        driver(AssignmentSettings.defaults())
                .agent(agent("amira").build())
                .agent(agent("omar").build())
                .online("amira", "omar");
        d.event(ticket("SB-1").created(T0));
        d.agent(agent("amira").group("vip").build());
        assertThat(d.last("SB-1").getAgentId()).isEqualTo("omar");
        assertThat(d.last("SB-1").getRulesApplied()).contains("reassigned: amira moved to routing group vip");
        assertThat(d.agentStates()).containsKey("omar");
        d.removeAgent("omar");
        assertThat(d.last("SB-1").getAction()).isEqualTo(AssignmentAction.QUEUED);
        assertThat(d.last("SB-1").getExplanation().get(0))
                .isEqualTo(
                        "no English-speaking agent in this routing group handles order_status on email in team support");
    }

    @Test
    void anHourOfABusyDayWithTheSampleTeam() {
        Instant start = Instant.parse("2026-11-26T13:30:00Z");
        AssignmentSettings settings = AssignmentFixtures.shippedSettings();
        d = new AssignerDriver(stateDir, settings, start);
        List<String> team = new java.util.ArrayList<>();
        for (var agent : AssignmentFixtures.sampleTeam(start)) {
            d.agent(agent);
            team.add(agent.getId());
        }

        int tickets = BusyDay.play(
                42L,
                team,
                start,
                Duration.ofHours(1),
                Duration.ofSeconds(30),
                2.5,
                new BusyDay.Target() {
                    @Override
                    public void advanceTo(Instant t) {
                        d.advance(Duration.between(d.now(), t));
                    }

                    @Override
                    public void event(TicketEvent e) {
                        d.event(e);
                    }

                    @Override
                    public void presence(String agent, PresenceStatus status) {
                        d.presence(agent, status);
                    }
                },
                () -> Invariants.check(settings, d.agentStates(), d.ticketStates(), d.now()));

        assertThat(tickets).isGreaterThan(250);
        // maria and layla start at 14:00 UTC and take over waiting tickets
        assertThat(d.decisions)
                .filteredOn(a -> a.getRulesApplied().contains("drained: maria can take it now"))
                .isNotEmpty();
        assertThat(d.decisions)
                .filteredOn(a -> a.getAction() == AssignmentAction.ASSIGNED)
                .extracting(Assignment::getAgentId)
                .contains("sarah", "amira", "omar", "maria");
    }

    private static SlaStatus slaStatus(String ticket, Instant due) {
        return SlaStatus.newBuilder()
                .setTicketId(ticket)
                .setUpdatedAt(T0)
                .setClocks(List.of(SlaClockStatus.newBuilder()
                        .setMetric(SlaMetric.FIRST_REPLY)
                        .setState(SlaClockState.RUNNING)
                        .setDueAt(due)
                        .build()))
                .build();
    }
}
