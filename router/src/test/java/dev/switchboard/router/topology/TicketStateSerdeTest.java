package dev.switchboard.router.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testkit.SampleEvents;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class TicketStateSerdeTest {
    private final TicketStateSerde serde = new TicketStateSerde();

    @Test
    void aTicketStateSurvivesTheStore() {
        TicketState state = new TicketState(
                "SB-2KQ4",
                SampleEvents.ticketSummary(),
                1_700_000_000_000L,
                7,
                List.of(1L, 2L, 3L),
                42L,
                Set.of("urgent", "legal-threat"),
                0,
                Set.of("gone@example.com"));
        byte[] bytes = serde.serializer().serialize("t", state);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(state);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void anUnknownFormatIsRefusedWithItsVersion() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("format 9");
    }
}
