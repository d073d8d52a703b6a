package dev.switchboard.sla;

import static dev.switchboard.sla.SlaDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.SlaAlert;
import dev.switchboard.events.TicketEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A monitor that stops and another that takes over from the changelogs. The test driver wipes its
 * state directory when it closes, so the second instance restores its stores from the first one's
 * changelog records, exactly what Kafka Streams does on a new machine: whatever is not in the
 * changelogs would be lost, and the test would catch it.
 */
class SlaMonitorRestartTest {
    private static final Duration TICK = Duration.ofMillis(250);

    @TempDir
    Path stateDir;

    private static Instant t(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static TicketEvent at(TicketEvent event, Instant occurredAt) {
        return TicketEvent.newBuilder(event).setOccurredAt(occurredAt).build();
    }

    @Test
    void alertsThatFellDueWhileDownFireLateOnceAndNothingFiresTwice() {
        Map<String, List<KeyValue<byte[], byte[]>>> changelogs;
        List<SlaAlert> beforeTheStop;
        try (SlaDriver first = new SlaDriver(stateDir.resolve("first"), T0)) {
            first.send(first.created("SB-1"));
            first.send(first.created("SB-2"));
            first.advanceTo(t(45));
            beforeTheStop = first.newAlerts();
            first.advanceTo(t(50));
            changelogs = first.changelogs();
        }

        // Down from 50 minutes to 2 hours: both first-reply breaches (at 60 minutes) happened meanwhile.
        try (SlaDriver second = new SlaDriver(stateDir.resolve("second"), t(120))) {
            second.restore(changelogs);
            // An agent answered SB-2 at 90 minutes; the event waited on the topic.
            second.send(at(second.agentReply("SB-2"), t(90)));
            List<SlaAlert> onTheEvent = second.newAlerts();
            second.advanceTo(t(120).plus(TICK));
            List<SlaAlert> firstCheck = second.newAlerts();
            second.advanceTo(t(359));
            List<SlaAlert> quiet = second.newAlerts();
            second.advanceTo(t(360));
            List<SlaAlert> onTime = second.newAlerts();

            assertThat(beforeTheStop)
                    .extracting(SlaAlert::getAlertId)
                    .containsExactly("SB-1:FIRST_REPLY:WARNING:1", "SB-2:FIRST_REPLY:WARNING:1");
            // Nothing skipped: the breach comes before the late reply that met it.
            assertThat(onTheEvent)
                    .extracting(SlaAlert::getAlertId)
                    .containsExactly("SB-2:FIRST_REPLY:BREACHED:1", "SB-2:FIRST_REPLY:MET_LATE:1");
            assertThat(onTheEvent.get(0).getFiredLate()).isTrue();
            assertThat(onTheEvent.get(0).getFiredAt()).isEqualTo(t(120));
            assertThat(onTheEvent.get(0).getLateByMillis())
                    .isEqualTo(Duration.ofMinutes(60).toMillis());
            assertThat(onTheEvent.get(1).getLateByMillis())
                    .isEqualTo(Duration.ofMinutes(30).toMillis());
            // The overdue breach fires at the first check, marked late with the real fire time.
            assertThat(firstCheck).singleElement().satisfies(a -> {
                assertThat(a.getAlertId()).isEqualTo("SB-1:FIRST_REPLY:BREACHED:1");
                assertThat(a.getFiredLate()).isTrue();
                assertThat(a.getFiredAt()).isEqualTo(t(120).plus(TICK));
                assertThat(a.getDueAt()).isEqualTo(t(60));
                assertThat(a.getLateByMillis())
                        .isEqualTo(Duration.ofMinutes(60).plus(TICK).toMillis());
                assertThat(a.getNotes()).anyMatch(n -> n.contains("the monitor was not running or was behind"));
            });
            // Nothing repeated: the warnings fired before the stop do not fire again.
            assertThat(quiet).isEmpty();
            assertThat(onTime)
                    .extracting(SlaAlert::getAlertId, SlaAlert::getFiredLate)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("SB-1:RESOLUTION:WARNING:1", false),
                            org.assertj.core.groups.Tuple.tuple("SB-2:RESOLUTION:WARNING:1", false));
            assertThat(second.newEscalations())
                    .extracting(e -> e.getAttributes().get("alertId"))
                    .containsExactlyInAnyOrder("SB-1:FIRST_REPLY:BREACHED:1", "SB-2:FIRST_REPLY:BREACHED:1");
        }
    }

    @Test
    void aTicketPausedBeforeTheStopStaysPausedAfterIt() {
        Map<String, List<KeyValue<byte[], byte[]>>> changelogs;
        try (SlaDriver first = new SlaDriver(stateDir.resolve("first"), T0)) {
            first.send(first.created("SB-1"));
            first.advanceTo(t(30));
            first.send(first.status("SB-1", dev.switchboard.events.TicketStatus.PENDING));
            changelogs = first.changelogs();
        }

        try (SlaDriver second = new SlaDriver(stateDir.resolve("second"), t(600))) {
            second.restore(changelogs);
            second.advanceTo(t(700));
            List<SlaAlert> whilePaused = second.newAlerts();
            second.send(second.customerMessage("SB-1"));
            second.advanceTo(t(715));

            assertThat(whilePaused).isEmpty();
            assertThat(second.newAlerts())
                    .extracting(SlaAlert::getAlertId, SlaAlert::getFiredAt)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("SB-1:FIRST_REPLY:WARNING:1", t(715)));
        }
    }
}
