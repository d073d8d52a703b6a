package dev.switchboard.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpdeskEventParserTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final HelpdeskEventParser parser = new HelpdeskEventParser();

    @Test
    void anAgentReplyCarriesItsMessageIdForEmailThreading() throws Exception {
        List<HelpdeskAction> actions = parse("""
                {"type": "agent_replied", "event_id": "hd-1", "ticket_id": "SB-1042", "agent_id": "amira",
                 "message_id": "<reply-1@helpdesk.shop.example>", "occurred_at": "2026-11-26T09:58:00Z"}
                """);

        var event = ((HelpdeskAction.Ticket) actions.get(0)).event();
        assertThat(event.getType()).isEqualTo(TicketEventType.AGENT_REPLIED);
        assertThat(event.getOrigin()).isEqualTo(EventOrigin.HELPDESK);
        assertThat(event.getEventId()).isEqualTo("hd-1");
        assertThat(event.getMessageId()).isEqualTo("reply-1@helpdesk.shop.example");
        assertThat(event.getPublicReply()).isTrue();
        assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-11-26T09:58:00Z"));
    }

    @Test
    void aBatchMixesTicketAndPresenceEvents() throws Exception {
        List<HelpdeskAction> actions = parse("""
                {"events": [
                  {"type": "status_changed", "ticket_id": "SB-1042", "status": "Pending"},
                  {"type": "presence_changed", "agent_id": "omar", "status": "offline"},
                  {"type": "reassign_requested", "ticket_id": "SB-7", "agent_id": "omar", "to_agent": "amira"},
                  {"type": "merged", "ticket_id": "SB-8", "merged_into": "SB-7"}
                ]}
                """);

        assertThat(((HelpdeskAction.Ticket) actions.get(0)).event().getStatus()).isEqualTo(TicketStatus.PENDING);
        var presence = ((HelpdeskAction.Presence) actions.get(1)).presence();
        assertThat(presence.getStatus()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(presence.getChangedAt()).isEqualTo(NOW);
        assertThat(((HelpdeskAction.Ticket) actions.get(2)).event().getAttributes())
                .containsEntry("toAgent", "amira");
        assertThat(((HelpdeskAction.Ticket) actions.get(3)).event().getStatus()).isEqualTo(TicketStatus.MERGED);
    }

    @Test
    void theFirstProblemIsReportedWithItsPath() {
        assertThatThrownBy(() -> parse("""
                {"events": [
                  {"type": "status_changed", "ticket_id": "SB-1", "status": "open"},
                  {"type": "status_changed", "ticket_id": "SB-2", "status": "done"}
                ]}
                """))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("events[1].status: expected one of closed, open, pending, solved, got 'done'");
        assertThatThrownBy(() -> parse("{\"type\": \"agent_replied\"}")).hasMessage("ticket_id: required");
        assertThatThrownBy(() -> parse("{\"type\": \"agent_replied\", \"ticket_id\": \"SB-1\", \"agnet_id\": \"x\"}"))
                .hasMessageStartingWith("agnet_id: unknown field for type agent_replied");
        assertThatThrownBy(() -> parse("{\"type\": \"vacation\"}"))
                .hasMessageStartingWith("type: expected one of agent_replied");
        assertThatThrownBy(() ->
                        parse("{\"type\": \"agent_replied\", \"ticket_id\": \"SB-1\", \"occurred_at\": \"today\"}"))
                .hasMessageStartingWith("occurred_at: expected an ISO-8601 instant");
    }

    @Test
    void brokenJsonIsExplained() {
        assertThatThrownBy(() -> parse("{\"type\": ")).hasMessageStartingWith("body is not valid JSON");
        assertThatThrownBy(() -> parse("[1, 2]")).hasMessageStartingWith("body must be a JSON object");
        assertThatThrownBy(() -> parse("{\"events\": []}")).hasMessage("events: expected a non-empty array of events");
    }

    private List<HelpdeskAction> parse(String json) throws InvalidRequestException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }
}
