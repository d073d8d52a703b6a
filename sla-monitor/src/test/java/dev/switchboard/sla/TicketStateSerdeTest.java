package dev.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.TicketStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketStateSerdeTest {
    @TempDir
    Path stateDir;

    @Test
    void aTicketsClocksSurviveTheRoundTripThroughJson() {
        try (SlaDriver sla = new SlaDriver(stateDir, SlaDriver.T0)) {
            sla.send(sla.created("SB-1"));
            sla.advance(Duration.ofMinutes(10));
            sla.send(sla.agentReply("SB-1"));
            sla.advance(Duration.ofMinutes(10));
            sla.send(sla.customerMessage("SB-1"));
            sla.advance(Duration.ofMinutes(10));
            sla.send(sla.status("SB-1", TicketStatus.PENDING));
            TicketSla stored = sla.tickets().get("SB-1");
            TicketStateSerde serde = new TicketStateSerde();

            byte[] json = serde.serializer().serialize("t", stored);
            TicketSla back = serde.deserializer().deserialize("t", json);

            assertThat(new String(json, StandardCharsets.UTF_8))
                    .contains("\"ticketId\":\"SB-1\"")
                    .contains("\"status\":\"PENDING\"")
                    .contains("\"startedAt\":\"2026-11-30T09:00:00Z\"");
            assertThat(serde.serializer().serialize("t", back)).isEqualTo(json);
            assertThat(back.status(sla.now(), SlaRules.of(sla.config)))
                    .isEqualTo(stored.status(sla.now(), SlaRules.of(sla.config)));
        }
    }
}
