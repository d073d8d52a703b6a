package dev.switchboard.ingest.social;

import static dev.switchboard.ingest.social.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Attachment;
import dev.switchboard.events.Channel;
import dev.switchboard.events.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebFormParserTest {
    private final WebFormParser parser = new WebFormParser();

    @Test
    void aContactFormBecomesACustomerMessageWithEverythingTheShopKnows() {
        ParsedWebhook parsed = parser.parse(Fixtures.body("web/contact-form.json"), NOW);

        assertThat(parsed.problems()).isEmpty();
        InboundMessage message = parsed.messages().get(0);
        assertThat(message.getChannel()).isEqualTo(Channel.WEB);
        assertThat(message.getSourceMessageId()).isEqualTo("contact-7f3c2a91");
        assertThat(message.getConversationKey()).isEqualTo("web:shop-a:v-4821");
        assertThat(message.getSubject()).isEqualTo("Refund for order 4567");
        assertThat(message.getLanguage()).isEqualTo("en");
        assertThat(message.getCustomer().getAddress()).isEqualTo("layla@example.com");
        assertThat(message.getCustomer().getDisplayName()).isEqualTo("Layla Hassan");
        assertThat(message.getCustomer().getPhone()).isEqualTo("+966500000001");
        assertThat(message.getReceivedAt()).isEqualTo(Instant.parse("2026-11-26T09:30:00Z"));
        assertThat(message.getAttachments())
                .extracting(
                        Attachment::getName, Attachment::getMediaType, Attachment::getSize, Attachment::getReference)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "return-receipt.pdf",
                        "application/pdf",
                        48213L,
                        "https://shop-a.example/uploads/8c1f/return-receipt.pdf"));
        assertThat(message.getMetadata())
                .containsEntry("web.page", "https://shop-a.example/orders/4567")
                .containsEntry("web.orderNumber", "4567");
    }

    @Test
    void aBatchGivesOneEventPerValidMessageAndAProblemPerBrokenOne() {
        ParsedWebhook parsed = parser.parse(Fixtures.body("web/chat-widget-batch.json"), NOW);

        assertThat(parsed.messages())
                .extracting(InboundMessage::getSourceMessageId, InboundMessage::getConversationKey)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("chat-19a2-0001", "web:shop-a-chat:anon-5c21e8"),
                        org.assertj.core.groups.Tuple.tuple("chat-19a2-0002", "web:shop-a-chat:anon-5c21e8"));
        assertThat(parsed.messages().get(0).getReceivedAt()).isEqualTo(Instant.ofEpochMilli(1795685400000L));
        assertThat(parsed.problems())
                .extracting(ParsedWebhook.Problem::detail)
                .containsExactly("messages[2]: 'id' is required");
    }

    @Test
    void theVisitorsEmailIdentifiesThemWithoutAnIdAndTheSiteDefaults() {
        InboundMessage message = parse("{\"id\":\"m1\",\"visitor\":{\"email\":\"Omar@Example.COM\"},\"text\":\"hi\"}")
                .messages()
                .get(0);

        assertThat(message.getConversationKey()).isEqualTo("web:default:omar@example.com");
        assertThat(message.getReceivedAt()).isEqualTo(NOW);
    }

    @Test
    void incompleteMessagesAreProblems() {
        assertThat(parse("{\"id\":\"m1\",\"text\":\"hi\"}").problems().get(0).detail())
                .isEqualTo("the message: 'visitor' needs an 'id' or an 'email'");
        assertThat(parse("{\"id\":\"m1\",\"visitor\":{\"id\":\"v\"},\"text\":\"  \"}")
                        .problems()
                        .get(0)
                        .detail())
                .isEqualTo("the message: no 'text' and no 'attachments'");
        assertThat(parse("{\"id\":\"m1\",\"visitor\":{\"id\":\"v\"},\"text\":{\"a\":1}}")
                        .problems()
                        .get(0)
                        .detail())
                .isEqualTo("the message: 'text' must be a string");
        assertThat(parse("{\"messages\":[]}").problems().get(0).detail())
                .isEqualTo("'messages' is not a non-empty array");
    }

    private ParsedWebhook parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8), NOW);
    }
}
