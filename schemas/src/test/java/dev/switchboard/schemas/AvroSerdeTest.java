package dev.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.events.Channel;
import dev.switchboard.events.CustomerIdentity;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
    private final AvroSerde<InboundMessage> serde = AvroSerde.of(InboundMessage.class);

    @Test
    void roundTripsArabicTextAndTimestamps() {
        InboundMessage message = message("مرحبا، أين طلبي رقم ١٢٣٤؟");

        byte[] bytes = serde.serializer().serialize("t", message);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(message);
    }

    @Test
    void tombstonesStayNull() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void bytesThatAreNotSingleObjectEncodedKeepTheirRawBytes() {
        byte[] json = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize("support.inbound.messages", json))
                .isInstanceOfSatisfying(UndecodableRecordException.class, e -> {
                    assertThat(e.rawBytes()).isEqualTo(json);
                    assertThat(e.topic()).isEqualTo("support.inbound.messages");
                    assertThat(e.getMessage()).contains("not Avro single-object encoded");
                });
    }

    @Test
    void anotherEventTypeIsAnUnknownSchema() {
        TicketEvent event = TicketEvent.newBuilder()
                .setEventId("e1")
                .setTicketId("SB-1")
                .setType(TicketEventType.CREATED)
                .setOccurredAt(Instant.parse("2026-11-26T10:00:00Z"))
                .build();
        byte[] bytes = AvroSerde.of(TicketEvent.class).encode(event);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOfSatisfying(
                        UndecodableRecordException.class,
                        e -> assertThat(e.getMessage()).contains("schema unknown to InboundMessage readers"));
    }

    @Test
    void aTruncatedBodyIsUndecodable() {
        byte[] bytes = serde.encode(message("hello"));
        byte[] cut = Arrays.copyOf(bytes, 14);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", cut))
                .isInstanceOfSatisfying(UndecodableRecordException.class, e -> {
                    assertThat(e.rawBytes()).isEqualTo(cut);
                    assertThat(e.getMessage()).contains("corrupt InboundMessage");
                });
    }

    static InboundMessage message(String body) {
        return InboundMessage.newBuilder()
                .setSourceMessageId("<a1@example.com>")
                .setSourceId("support")
                .setChannel(Channel.EMAIL)
                .setConversationKey("email:support:a1@example.com")
                .setCustomer(CustomerIdentity.newBuilder()
                        .setAddress("customer@example.com")
                        .setDisplayName("سارة")
                        .build())
                .setSubject("طلب")
                .setBodyText(body)
                .setFullText(body)
                .setReceivedAt(Instant.parse("2026-11-26T10:00:00Z"))
                .build();
    }
}
