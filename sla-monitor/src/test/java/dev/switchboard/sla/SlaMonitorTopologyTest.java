package dev.switchboard.sla;

import static dev.switchboard.sla.SlaDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Channel;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.Priority;
import dev.switchboard.events.SlaAlert;
import dev.switchboard.events.SlaClockState;
import dev.switchboard.events.SlaClockStatus;
import dev.switchboard.events.SlaLevel;
import dev.switchboard.events.SlaMetric;
import dev.switchboard.events.SlaStatus;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every clock rule and alert rule of the SLA monitor, with the wall clock under the test's control.
 * The standard policy (24/7): first reply 60m (warning at 45m), next reply 2h (90m), resolution 8h
 * (6h). The wall-clock check runs on a 250 ms grid from {@link SlaDriver#T0}.
 */
class SlaMonitorTopologyTest {
    private static final Duration TICK = Duration.ofMillis(250);

    @TempDir
    Path stateDir;

    private SlaDriver sla;

    @BeforeEach
    void start() {
        sla = new SlaDriver(stateDir, T0);
    }

    @AfterEach
    void stop() {
        sla.close();
    }

    private static Instant t(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** Moves to just before {@code moment}, where nothing may fire, then to it. */
    private List<SlaAlert> alertsAt(Instant moment) {
        sla.advanceTo(moment.minus(TICK));
        assertThat(sla.newAlerts()).as("alerts before %s", moment).isEmpty();
        sla.advanceTo(moment);
        return sla.newAlerts();
    }

    private static SlaClockStatus clock(SlaStatus status, SlaMetric metric) {
        return status.getClocks().stream()
                .filter(c -> c.getMetric() == metric)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + metric + " clock in " + status));
    }

    private SlaStatus lastStatus() {
        List<KeyValue<String, SlaStatus>> statuses = sla.newStatuses();
        assertThat(statuses).isNotEmpty();
        return statuses.get(statuses.size() - 1).value;
    }

    // ---------------------------------------------------------------- first reply

    @Test
    void firstReplyWarnsThenBreachesOnTheWallClockWithoutAnyEvent() {
        sla.send(sla.created("SB-1"));

        List<SlaAlert> warning = alertsAt(t(45));
        List<SlaAlert> breach = alertsAt(t(60));

        assertThat(warning).singleElement().satisfies(a -> {
            assertThat(a.getAlertId()).isEqualTo("SB-1:FIRST_REPLY:WARNING:1");
            assertThat(a.getTicketId()).isEqualTo("SB-1");
            assertThat(a.getMetric()).isEqualTo(SlaMetric.FIRST_REPLY);
            assertThat(a.getLevel()).isEqualTo(SlaLevel.WARNING);
            assertThat(a.getPolicy()).isEqualTo("standard");
            assertThat(a.getCalendar()).isEqualTo("24/7");
            assertThat(a.getTargetMinutes()).isEqualTo(60);
            assertThat(a.getDueAt()).isEqualTo(t(60));
            assertThat(a.getFiredAt()).isEqualTo(t(45));
            assertThat(a.getFiredLate()).isFalse();
            assertThat(a.getLateByMillis()).isZero();
            assertThat(a.getAssignee()).isEqualTo("amira");
            assertThat(a.getTeam()).isEqualTo("billing");
            assertThat(a.getPriority()).isEqualTo(Priority.NORMAL);
            assertThat(a.getChannel()).isEqualTo(Channel.EMAIL);
            assertThat(a.getNotes()).contains("warns 15m of business time before the due time " + t(60));
        });
        assertThat(breach).singleElement().satisfies(a -> {
            assertThat(a.getLevel()).isEqualTo(SlaLevel.BREACHED);
            assertThat(a.getFiredAt()).isEqualTo(t(60));
            assertThat(a.getDueAt()).isEqualTo(t(60));
        });
    }

    @Test
    void aDeadlineEarlierThanEveryKnownOneStillFiresOnTime() {
        sla.send(sla.created("SB-1")); // standard: warns at t(45), due at t(60)
        sla.advanceTo(t(5)); // a check that learns SB-1's warning is the earliest deadline
        assertThat(sla.newAlerts()).isEmpty();

        sla.send(sla.created("SB-2", SlaDriver.summary(Priority.URGENT))); // urgent: due at t(35)
        for (int minute = 6; minute < 35; minute++) {
            sla.advanceTo(t(minute));
        }

        assertThat(sla.newAlerts()).singleElement().satisfies(a -> {
            assertThat(a.getTicketId()).isEqualTo("SB-2");
            assertThat(a.getLevel()).isEqualTo(SlaLevel.WARNING);
            assertThat(a.getFiredLate()).isFalse();
        });
        assertThat(alertsAt(t(35))).singleElement().satisfies(a -> {
            assertThat(a.getTicketId()).isEqualTo("SB-2");
            assertThat(a.getLevel()).isEqualTo(SlaLevel.BREACHED);
            assertThat(a.getFiredAt()).isEqualTo(t(35));
        });
        assertThat(alertsAt(t(45))).singleElement().satisfies(a -> {
            assertThat(a.getTicketId()).isEqualTo("SB-1");
            assertThat(a.getLevel()).isEqualTo(SlaLevel.WARNING);
        });
    }

    @Test
    void aBreachAsksTheRouterToEscalateAsThePolicySays() {
        sla.send(sla.created("SB-1"));

        sla.advanceTo(t(60));

        assertThat(sla.newEscalations()).singleElement().satisfies(e -> {
            assertThat(e.getTicketId()).isEqualTo("SB-1");
            assertThat(e.getOrigin()).isEqualTo(EventOrigin.SLA_MONITOR);
            assertThat(e.getOccurredAt()).isEqualTo(t(60));
            assertThat(e.getAgentId()).isEqualTo("amira");
            assertThat(e.getAttributes())
                    .containsEntry("metric", "FIRST_REPLY")
                    .containsEntry("policy", "standard")
                    .containsEntry("action", "notify-lead");
        });
    }

    @Test
    void eachAlertFiresOnce() {
        sla.send(sla.created("SB-1"));

        sla.advanceTo(t(45));
        sla.advanceTo(t(45).plus(TICK));
        sla.advanceTo(t(59));
        List<SlaAlert> untilBreach = sla.newAlerts();
        sla.advanceTo(t(60));
        sla.advanceTo(t(61));
        sla.advanceTo(t(300));
        List<SlaAlert> after = sla.newAlerts();

        assertThat(untilBreach).extracting(SlaAlert::getAlertId).containsExactly("SB-1:FIRST_REPLY:WARNING:1");
        assertThat(after).extracting(SlaAlert::getAlertId).containsExactly("SB-1:FIRST_REPLY:BREACHED:1");
        assertThat(sla.newEscalations()).hasSize(1);
    }

    @Test
    void theFirstPublicAgentReplyMeetsTheFirstReply() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(30));

        sla.send(sla.agentReply("SB-1"));
        sla.advanceTo(t(200));

        assertThat(sla.newAlerts()).isEmpty();
        assertThat(clock(lastStatus(), SlaMetric.FIRST_REPLY).getState()).isEqualTo(SlaClockState.MET);
    }

    @Test
    void aSocialEchoIsAPublicReplyToo() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(30));

        sla.send(sla.socialEcho("SB-1"));
        sla.advanceTo(t(200));

        assertThat(sla.newAlerts()).isEmpty();
    }

    @Test
    void anInternalNoteStopsNoClock() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(10));

        sla.send(sla.internalNote("SB-1"));

        assertThat(alertsAt(t(45))).extracting(SlaAlert::getLevel).containsExactly(SlaLevel.WARNING);
    }

    @Test
    void aLateReplyIsMetLateWithHowLate() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(70));
        sla.newAlerts();

        sla.send(sla.agentReply("SB-1"));

        assertThat(sla.newAlerts()).singleElement().satisfies(a -> {
            assertThat(a.getAlertId()).isEqualTo("SB-1:FIRST_REPLY:MET_LATE:1");
            assertThat(a.getLevel()).isEqualTo(SlaLevel.MET_LATE);
            assertThat(a.getLateByMillis()).isEqualTo(Duration.ofMinutes(10).toMillis());
            assertThat(a.getDueAt()).isEqualTo(t(60));
            assertThat(a.getFiredAt()).isEqualTo(t(70));
            assertThat(a.getFiredLate()).isFalse();
            assertThat(a.getNotes()).anyMatch(n -> n.startsWith("met 10m late by the first agent reply"));
        });
    }

    // ---------------------------------------------------------------- next reply

    @Test
    void nextReplyStartsAtACustomerMessageThatFollowsAnAgentReply() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(10));
        sla.send(sla.agentReply("SB-1"));
        sla.advanceTo(t(20));

        sla.send(sla.customerMessage("SB-1"));
        List<SlaAlert> warning = alertsAt(t(20 + 90));

        assertThat(warning).singleElement().satisfies(a -> {
            assertThat(a.getAlertId()).isEqualTo("SB-1:NEXT_REPLY:WARNING:1");
            assertThat(a.getDueAt()).isEqualTo(t(20 + 120));
        });
    }

    @Test
    void aCustomerMessageBeforeAnyAgentReplyStartsNoNextReply() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(5));
        sla.send(sla.customerMessage("SB-1"));
        sla.advanceTo(t(50));
        sla.send(sla.agentReply("SB-1"));

        sla.advanceTo(t(300));

        assertThat(sla.newAlerts()).extracting(SlaAlert::getAlertId).containsExactly("SB-1:FIRST_REPLY:WARNING:1");
    }

    @Test
    void everyAnsweredCustomerMessageIsANewNextReplyCycle() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(10));
        sla.send(sla.agentReply("SB-1"));
        sla.advanceTo(t(20));
        sla.send(sla.customerMessage("SB-1"));
        sla.advanceTo(t(30));
        // A second message while the first is unanswered keeps the clock that is running.
        sla.send(sla.customerMessage("SB-1"));
        sla.advanceTo(t(40));
        sla.send(sla.agentReply("SB-1"));
        sla.advanceTo(t(50));
        sla.send(sla.customerMessage("SB-1"));

        List<SlaAlert> warning = alertsAt(t(50 + 90));

        assertThat(warning).extracting(SlaAlert::getAlertId).containsExactly("SB-1:NEXT_REPLY:WARNING:2");
    }

    // ---------------------------------------------------------------- pause and resume

    @Test
    void pendingPausesEveryClockAndTheCustomerResumesThem() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(30));
        sla.send(sla.status("SB-1", TicketStatus.PENDING));
        SlaStatus paused = lastStatus();

        sla.advanceTo(t(600));
        List<SlaAlert> whilePending = sla.newAlerts();
        sla.send(sla.customerMessage("SB-1"));
        SlaStatus resumed = lastStatus();
        // 30 minutes used before the pause: the warning comes 15 minutes after resuming.
        List<SlaAlert> warning = alertsAt(t(600 + 15));

        assertThat(whilePending).isEmpty();
        assertThat(paused.getPaused()).isTrue();
        assertThat(clock(paused, SlaMetric.FIRST_REPLY).getState()).isEqualTo(SlaClockState.PAUSED);
        assertThat(clock(paused, SlaMetric.FIRST_REPLY).getDueAt()).isNull();
        assertThat(clock(paused, SlaMetric.FIRST_REPLY).getRemainingMillis())
                .isEqualTo(Duration.ofMinutes(30).toMillis());
        assertThat(resumed.getPaused()).isFalse();
        assertThat(clock(resumed, SlaMetric.FIRST_REPLY).getDueAt()).isEqualTo(t(630));
        assertThat(warning).singleElement().satisfies(a -> {
            assertThat(a.getAlertId()).isEqualTo("SB-1:FIRST_REPLY:WARNING:1");
            assertThat(a.getDueAt()).isEqualTo(t(630));
        });
    }

    @Test
    void theHelpdeskSettingTheTicketOpenAlsoResumes() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(30));
        sla.send(sla.status("SB-1", TicketStatus.PENDING));
        sla.advanceTo(t(100));

        sla.send(sla.status("SB-1", TicketStatus.OPEN));

        assertThat(alertsAt(t(115))).extracting(SlaAlert::getLevel).containsExactly(SlaLevel.WARNING);
    }

    @Test
    void aReopenedTicketResumesResolutionWithTheTimeItUsed() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(10));
        sla.send(sla.agentReply("SB-1"));
        sla.advanceTo(t(60));
        sla.send(sla.status("SB-1", TicketStatus.SOLVED));
        List<KeyValue<String, SlaStatus>> solved = sla.newStatuses();

        sla.advanceTo(t(300));
        sla.send(sla.reopened("SB-1"));
        SlaStatus reopened = lastStatus();

        // Resolution used 60 of 480 minutes; it warns when 360 are used: 300 minutes after the reopening.
        sla.advanceTo(t(300 + 299));
        List<SlaAlert> before = sla.newAlerts();
        sla.advanceTo(t(300 + 300));
        List<SlaAlert> at = sla.newAlerts();

        assertThat(solved.get(solved.size() - 1).value)
                .as("tombstone when solved")
                .isNull();
        assertThat(clock(reopened, SlaMetric.RESOLUTION).getState()).isEqualTo(SlaClockState.RUNNING);
        assertThat(clock(reopened, SlaMetric.RESOLUTION).getDueAt()).isEqualTo(t(300 + 420));
        // The reopening is a customer message after an agent reply: a next reply is due too.
        assertThat(clock(reopened, SlaMetric.NEXT_REPLY).getDueAt()).isEqualTo(t(300 + 120));
        assertThat(before)
                .extracting(SlaAlert::getAlertId)
                .containsExactly("SB-1:NEXT_REPLY:WARNING:1", "SB-1:NEXT_REPLY:BREACHED:1");
        assertThat(at).extracting(SlaAlert::getAlertId).containsExactly("SB-1:RESOLUTION:WARNING:1");
    }

    @Test
    void theHelpdeskReopeningATicketOwesNoReplyYet() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(10));
        sla.send(sla.agentReply("SB-1"));
        sla.advanceTo(t(60));
        sla.send(sla.status("SB-1", TicketStatus.SOLVED));
        sla.advanceTo(t(300));

        sla.send(sla.status("SB-1", TicketStatus.OPEN));
        SlaStatus reopened = lastStatus();

        assertThat(reopened.getClocks())
                .extracting(SlaClockStatus::getMetric)
                .containsExactly(SlaMetric.FIRST_REPLY, SlaMetric.RESOLUTION);
        assertThat(clock(reopened, SlaMetric.RESOLUTION).getDueAt()).isEqualTo(t(300 + 420));
    }

    // ---------------------------------------------------------------- re-targeting

    @Test
    void aPriorityChangeRetargetsTheRunningClocksAndSaysWhy() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(20));

        // Urgent: first reply 30m, warning at 50 % (15m) or 10m before, whichever is earlier.
        sla.send(sla.priorityChanged("SB-1", Priority.URGENT));
        List<SlaAlert> atChange = sla.newAlerts();
        List<SlaAlert> breach = alertsAt(t(30));

        String why = "re-targeted at " + t(20) + " after priority NORMAL → URGENT: policy standard → urgent,"
                + " first reply 60 business minutes on 24/7 → 30 business minutes on 24/7";
        assertThat(atChange).singleElement().satisfies(a -> {
            assertThat(a.getAlertId()).isEqualTo("SB-1:FIRST_REPLY:WARNING:1");
            assertThat(a.getPolicy()).isEqualTo("urgent");
            assertThat(a.getPriority()).isEqualTo(Priority.URGENT);
            assertThat(a.getDueAt()).isEqualTo(t(30));
            assertThat(a.getFiredAt()).isEqualTo(t(20));
            assertThat(a.getNotes()).contains(why);
        });
        assertThat(breach).singleElement().satisfies(a -> {
            assertThat(a.getLevel()).isEqualTo(SlaLevel.BREACHED);
            assertThat(a.getNotes()).contains(why);
        });
        assertThat(sla.newEscalations())
                .singleElement()
                .satisfies(e -> assertThat(e.getAttributes()).containsEntry("action", "reassign"));
    }

    @Test
    void aLowerPriorityMovesTheDueTimeLater() {
        sla.send(sla.created("SB-1", SlaDriver.summary(Priority.URGENT)));
        sla.advanceTo(t(5));

        sla.send(sla.priorityChanged("SB-1", Priority.NORMAL));

        assertThat(clock(lastStatus(), SlaMetric.FIRST_REPLY).getDueAt()).isEqualTo(t(60));
        assertThat(alertsAt(t(45))).extracting(SlaAlert::getPolicy).containsExactly("standard");
    }

    // ---------------------------------------------------------------- stop

    @Test
    void solvingStopsTheClocksAndRemovesTheStatus() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(20));

        sla.send(sla.status("SB-1", TicketStatus.SOLVED));
        sla.advanceTo(t(1000));

        assertThat(sla.newAlerts()).isEmpty();
        List<KeyValue<String, SlaStatus>> statuses = sla.newStatuses();
        assertThat(statuses.get(statuses.size() - 1)).isEqualTo(KeyValue.pair("SB-1", null));
    }

    @Test
    void solvingAfterTheBreachIsMetLate() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(10));
        sla.send(sla.agentReply("SB-1"));
        sla.advanceTo(t(8 * 60 + 30));
        sla.newAlerts();

        sla.send(sla.status("SB-1", TicketStatus.SOLVED));

        assertThat(sla.newAlerts()).singleElement().satisfies(a -> {
            assertThat(a.getAlertId()).isEqualTo("SB-1:RESOLUTION:MET_LATE:1");
            assertThat(a.getLateByMillis()).isEqualTo(Duration.ofMinutes(30).toMillis());
        });
    }

    @Test
    void aMergedTicketStopsAndIsForgotten() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(20));

        sla.send(sla.merged("SB-1"));
        sla.advanceTo(t(1000));

        assertThat(sla.newAlerts()).isEmpty();
        List<KeyValue<String, SlaStatus>> statuses = sla.newStatuses();
        assertThat(statuses.get(statuses.size() - 1)).isEqualTo(KeyValue.pair("SB-1", null));
        assertThat(sla.tickets().get("SB-1")).isNull();
        assertThat(sla.deadlines().approximateNumEntries()).isZero();
    }

    @Test
    void aSolvedTicketIsForgottenAfterTheRetention() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(20));
        sla.send(sla.status("SB-1", TicketStatus.SOLVED));

        sla.advanceTo(t(20).plus(Duration.ofDays(14)));

        assertThat(sla.tickets().get("SB-1")).isNull();
        assertThat(sla.newAlerts()).isEmpty();
    }

    // ---------------------------------------------------------------- business calendars

    @Test
    void businessHoursCarryTheDueTimeOverTheWeekend() {
        // VIP policy: first reply 60 business minutes on the London office calendar (Mon-Fri 09-17).
        try (SlaDriver friday = new SlaDriver(stateDir.resolve("friday"), Instant.parse("2026-12-04T16:30:00Z"))) {
            friday.send(friday.created("SB-7", SlaDriver.summary(Priority.NORMAL, Channel.WHATSAPP, "vip", "", null)));

            friday.advanceTo(Instant.parse("2026-12-07T09:14:45Z"));
            List<SlaAlert> overTheWeekend = friday.newAlerts();
            friday.advanceTo(Instant.parse("2026-12-07T09:15:00Z"));
            List<SlaAlert> mondayMorning = friday.newAlerts();

            assertThat(overTheWeekend).isEmpty();
            assertThat(mondayMorning).singleElement().satisfies(a -> {
                assertThat(a.getPolicy()).isEqualTo("vip");
                assertThat(a.getCalendar()).isEqualTo("office");
                assertThat(a.getDueAt()).isEqualTo(Instant.parse("2026-12-07T09:30:00Z"));
                assertThat(a.getNotes())
                        .contains("warns 15m of business time before the due time 2026-12-07T09:30:00Z");
            });
        }
    }

    // ---------------------------------------------------------------- robustness

    @Test
    void aRepeatedEventCountsOnce() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(70));
        sla.newAlerts();
        TicketEvent reply = sla.agentReply("SB-1");

        sla.send(reply);
        sla.send(reply);

        assertThat(sla.newAlerts()).extracting(SlaAlert::getLevel).containsExactly(SlaLevel.MET_LATE);
    }

    @Test
    void eventsForTicketsNeverCreatedAreIgnored() {
        sla.send(sla.agentReply("SB-404"));
        sla.send(sla.status("SB-404", TicketStatus.CLOSED));

        assertThat(sla.newStatuses()).isEmpty();
        assertThat(sla.tickets().get("SB-404")).isNull();
    }

    @Test
    void undecodableInputGoesToTheDeadLetterTopicAndTheMonitorKeepsRunning() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        try (SlaDriver sla = SlaDriver.atLeastOnce(stateDir.resolve("alo"), T0)) {
            sla.rawEvents.pipeInput("SB-1", garbage, T0);
            sla.send(sla.created("SB-2"));
            sla.advanceTo(t(45));

            assertThat(sla.deadLetters.readValuesToList()).singleElement().satisfies(d -> {
                assertThat(d.getService()).isEqualTo("sla-monitor");
                assertThat(d.getReason()).isEqualTo(DeadLetterReason.UNDECODABLE_RECORD);
                assertThat(d.getSourceId()).isEqualTo("test.support.tickets.events");
                assertThat(d.getPayload().array()).isEqualTo(garbage);
                assertThat(d.getOriginalSize()).isEqualTo(garbage.length);
                assertThat(d.getContext()).containsEntry("key", "SB-1").containsEntry("offset", "0");
                assertThat(d.getDetail()).contains("not Avro single-object encoded");
            });
            assertThat(sla.newAlerts()).extracting(SlaAlert::getAlertId).containsExactly("SB-2:FIRST_REPLY:WARNING:1");
        }
    }

    @Test
    void theDeadlineIndexHoldsEachTicketOnceUnderItsNextMoment() {
        sla.send(sla.created("SB-1"));
        sla.advanceTo(t(10));
        sla.send(sla.created("SB-2"));
        sla.send(sla.created("SB-3"));
        sla.send(sla.status("SB-3", TicketStatus.SOLVED));

        List<String> keys = keys();
        sla.advanceTo(t(45));
        List<String> afterWarning = keys();

        assertThat(keys)
                .containsExactly(
                        DeadlineKeys.of(t(45), "SB-1"),
                        DeadlineKeys.of(t(55), "SB-2"),
                        DeadlineKeys.of(t(10).plus(Duration.ofDays(14)), "SB-3"));
        assertThat(afterWarning)
                .containsExactly(
                        DeadlineKeys.of(t(55), "SB-2"),
                        DeadlineKeys.of(t(60), "SB-1"),
                        DeadlineKeys.of(t(10).plus(Duration.ofDays(14)), "SB-3"));
    }

    private List<String> keys() {
        List<String> keys = new java.util.ArrayList<>();
        try (var it = sla.deadlines().all()) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }
}
