package dev.switchboard.ingest.social;

import static dev.switchboard.ingest.social.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Attachment;
import dev.switchboard.events.Channel;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.MessageKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class XWebhookParserTest {
    private static final String ACCOUNT = "1458237601201258497";
    private final XWebhookParser parser = new XWebhookParser();

    @Test
    void directMessagesFromACustomerAreCustomerMessagesWithTheirName() {
        List<InboundMessage> messages =
                parser.parse(Fixtures.body("x/x-dm-batched.json"), NOW).messages();

        assertThat(messages).hasSize(3);
        InboundMessage first = messages.get(0);
        assertThat(first.getChannel()).isEqualTo(Channel.X);
        assertThat(first.getKind()).isEqualTo(MessageKind.CUSTOMER_MESSAGE);
        assertThat(first.getSourceMessageId()).isEqualTo("1861294850129305606");
        assertThat(first.getSourceId()).isEqualTo(ACCOUNT);
        assertThat(first.getConversationKey()).isEqualTo("x:" + ACCOUNT + ":3001969357");
        assertThat(first.getCustomer().getDisplayName()).isEqualTo("Jordan Brinks");
        assertThat(first.getMetadata()).containsEntry("x.screen-name", "furiouscamper");
        assertThat(first.getBodyText()).isEqualTo("Hi @ShopSupport, I was charged twice for order 4567");
        assertThat(first.getReceivedAt()).isEqualTo(Instant.parse("2026-11-26T09:30:00Z"));
    }

    @Test
    void aQuickReplyResponseKeepsItsMetadata() {
        InboundMessage quickReply = parser.parse(Fixtures.body("x/x-dm-batched.json"), NOW)
                .messages()
                .get(1);

        assertThat(quickReply.getBodyText()).isEqualTo("Refund");
        assertThat(quickReply.getMetadata()).containsEntry("x.quick-reply-metadata", "topic_refund");
    }

    @Test
    void aDirectMessageSentByTheBusinessIsAnEchoForItsRecipient() {
        InboundMessage echo = parser.parse(Fixtures.body("x/x-dm-batched.json"), NOW)
                .messages()
                .get(2);

        assertThat(echo.getKind()).isEqualTo(MessageKind.AGENT_ECHO);
        assertThat(echo.getConversationKey()).isEqualTo("x:" + ACCOUNT + ":3001969357");
        assertThat(echo.getCustomer().getDisplayName()).isEqualTo("Jordan Brinks");
    }

    @Test
    void mediaIsAnAttachmentByItsUrl() {
        InboundMessage photo =
                parser.parse(Fixtures.body("x/x-dm-media.json"), NOW).messages().get(0);

        assertThat(photo.getAttachments())
                .extracting(Attachment::getMediaType, Attachment::getReference)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "image/*",
                                "https://ton.twitter.com/1.1/ton/data/dm/1861294850129305610/1861294845008089088/xPQ7Tq3h.jpg"));
        assertThat(photo.getMetadata()).containsEntry("x.media-id", "1861294845008089088");
    }

    @Test
    void otherAccountActivityIsSkipped() {
        ParsedWebhook parsed = parser.parse(Fixtures.body("x/x-other-activity.json"), NOW);

        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.ignored()).containsExactly("x direct_message_indicate_typing_events");
    }

    @Test
    void anUnknownEventTypeIsAProblem() {
        ParsedWebhook parsed = parser.parse(Fixtures.body("x/x-unknown-event.json"), NOW);

        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo(DeadLetterReason.UNKNOWN_SHAPE);
            assertThat(p.detail())
                    .contains("no known Account Activity event")
                    .contains("direct_message_reaction_events");
        });
    }
}
