package dev.switchboard.app.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Assignment;
import dev.switchboard.events.AssignmentAction;
import dev.switchboard.events.SlaAlert;
import dev.switchboard.events.SlaLevel;
import dev.switchboard.feed.FeedFormatter;
import dev.switchboard.testkit.SampleEvents;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedFormatterTest {
    private final FeedFormatter feed = new FeedFormatter(ZoneOffset.UTC);

    @Test
    void aNewTicketShowsIntentLanguagePriorityReasonsAndIsolatedArabic() {
        String line = feed.ticketEvent(SampleEvents.ticketEvent()).orElseThrow();

        assertThat(line)
                .startsWith("09:30:00  NEW        SB-1042")
                .contains("[email] refund · ar · HIGH (55: refund intent +20, VIP customer +30)")
                .contains("\"\u2068أريد استرداد ٣٠٠ ريال\u2069\"");
    }

    @Test
    void anAssignmentExplainsTheChoiceAndWhoElseWasNotEligible() {
        String line = feed.assignment(SampleEvents.assignment());

        assertThat(line)
                .contains("ASSIGN", "SB-1042")
                .contains(
                        "→ \u2068أميرة\u2069 (amira): speaks ar, refund-approver, on shift until 17:00 Africa/Cairo, load 2/6")
                .contains("4 considered, 2 off shift")
                .contains("[refund-over-limit]");
    }

    @Test
    void aQueuedTicketSaysWhereItWaits() {
        var queued = Assignment.newBuilder(SampleEvents.assignment())
                .setAction(AssignmentAction.QUEUED)
                .setQueuePosition(3)
                .setExplanation(List.of("no Arabic-speaking refund approver on shift until 09:00 Asia/Riyadh"))
                .build();

        assertThat(feed.assignment(queued))
                .contains(
                        "QUEUE", "waits in default (#3) HIGH: no Arabic-speaking refund approver on shift until 09:00");
    }

    @Test
    void anSlaNoteNamesTheLeadsAndAnAutomatedMailNoteSaysSo() {
        var lead = dev.switchboard.events.TicketEvent.newBuilder(SampleEvents.ticketEvent())
                .setType(dev.switchboard.events.TicketEventType.NOTE_ADDED)
                .setReasons(List.of("SLA first reply breached (policy vip): the team's leads should look at it: Sarah"))
                .setAttributes(java.util.Map.of("note", "sla-notify-lead", "leads", "sarah"))
                .build();
        assertThat(feed.ticketEvent(lead).orElseThrow())
                .contains("NOTE", "SLA first reply breached (policy vip): the team's leads should look at it: Sarah")
                .doesNotContain("automated mail");
        var mail = dev.switchboard.events.TicketEvent.newBuilder(lead)
                .setReasons(List.of("auto-reply attached as a note"))
                .setAttributes(java.util.Map.of("note", "auto-reply"))
                .build();
        assertThat(feed.ticketEvent(mail).orElseThrow()).contains("automated mail attached as a note");
    }

    @Test
    void slaAlertsSayWhatIsDueAndForWhom() {
        var alert = SampleEvents.slaAlert();
        assertThat(feed.slaAlert(alert))
                .contains("SLA-WARN", "first reply due at 10:30:00 (policy vip-email, HIGH, assignee amira)");

        var late = SlaAlert.newBuilder(alert)
                .setLevel(SlaLevel.MET_LATE)
                .setLateByMillis(754_000)
                .build();
        assertThat(feed.slaAlert(late)).contains("SLA-LATE", "first reply met 12 min late");
    }

    @Test
    void leftToRightTextIsLeftAlone() {
        assertThat(FeedFormatter.isolate("Layla Hassan")).isEqualTo("Layla Hassan");
    }
}
