package dev.switchboard.ingest.social;

import static dev.switchboard.ingest.social.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Attachment;
import dev.switchboard.events.Channel;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.MessageKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhatsAppWebhookParserTest {
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private final WhatsAppWebhookParser parser = new WhatsAppWebhookParser();

    @Test
    void everyMessageOfABatchBecomesOneEventWithItsContact() {
        List<InboundMessage> messages = parser.parse(Fixtures.body("whatsapp/whatsapp-batched.json"), NOW)
                .messages();

        assertThat(messages).hasSize(5).allSatisfy(m -> {
            assertThat(m.getChannel()).isEqualTo(Channel.WHATSAPP);
            assertThat(m.getKind()).isEqualTo(MessageKind.CUSTOMER_MESSAGE);
            assertThat(m.getSourceId()).isEqualTo(PHONE_NUMBER_ID);
            assertThat(m.getMetadata()).containsEntry("whatsapp.display-phone-number", "15550783881");
        });
        InboundMessage layla = messages.get(0);
        assertThat(layla.getSourceMessageId())
                .isEqualTo("wamid.HBgMOTY2NTAwMDAwMDAxFQIAEhggQ0E2RjVCQjE5MzQ3MUFCNDhENjBCQ0FGMzBBMDA0QjcA");
        assertThat(layla.getConversationKey()).isEqualTo("whatsapp:" + PHONE_NUMBER_ID + ":966500000001");
        assertThat(layla.getCustomer().getDisplayName()).isEqualTo("ليلى حسن");
        assertThat(layla.getCustomer().getPhone()).isEqualTo("+966500000001");
        assertThat(layla.getCustomer().getHandle()).isEqualTo("966500000001");
        assertThat(layla.getBodyText()).isEqualTo("أريد استرداد ٣٠٠ ريال عن الطلب رقم ٤٥٦٧");
        assertThat(layla.getReceivedAt()).isEqualTo(Instant.parse("2026-11-26T09:30:00Z"));
        // The second customer of the same batch gets their own name, not the first contact's.
        assertThat(messages.get(1).getCustomer().getDisplayName()).isEqualTo("Omar Farouk");
    }

    @Test
    void anImageIsAnAttachmentByMediaIdWithItsCaptionAsText() {
        InboundMessage image = parser.parse(Fixtures.body("whatsapp/whatsapp-batched.json"), NOW)
                .messages()
                .get(1);

        assertThat(image.getBodyText()).isEqualTo("This is what arrived");
        Attachment attachment = image.getAttachments().get(0);
        assertThat(attachment.getMediaType()).isEqualTo("image/jpeg");
        assertThat(attachment.getReference()).isEqualTo("1003383421387256");
        // WhatsApp's base64 sha256, as hex like every sha256 on our topics.
        assertThat(attachment.getSha256())
                .isEqualTo("28383e72225d0263f71d01679c1b8f31102611df0750cd47eed7f4a04af6cf65");
    }

    @Test
    void aLocationIsAGeoAttachment() {
        InboundMessage location = parser.parse(Fixtures.body("whatsapp/whatsapp-batched.json"), NOW)
                .messages()
                .get(2);

        assertThat(location.getBodyText()).isEmpty();
        assertThat(location.getAttachments())
                .extracting(Attachment::getReference, Attachment::getName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("geo:30.0444,31.2357", "Home"));
        assertThat(location.getMetadata()).containsEntry("whatsapp.location.address", "1 Tahrir Square, Cairo");
    }

    @Test
    void buttonAndTemplateRepliesGiveTheirTitleAsTextAndTheirIdsInMetadata() {
        List<InboundMessage> messages = parser.parse(Fixtures.body("whatsapp/whatsapp-batched.json"), NOW)
                .messages();

        InboundMessage buttonReply = messages.get(3);
        assertThat(buttonReply.getBodyText()).isEqualTo("Yes, refund me");
        assertThat(buttonReply.getMetadata())
                .containsEntry("whatsapp.interactive.id", "refund-yes")
                .containsEntry("whatsapp.context.id", "wamid.HBgMOTY2NTAwMDAwMDAxFQIAERgSQzZGNUVFOTgxMUUyMkI3MzVBAA==");
        InboundMessage templateButton = messages.get(4);
        assertThat(templateButton.getBodyText()).isEqualTo("Talk to an agent");
        assertThat(templateButton.getMetadata()).containsEntry("whatsapp.button-payload", "TALK_TO_AGENT");
    }

    @Test
    void documentsVoiceNotesAndStickersAreAttachments() {
        List<InboundMessage> messages =
                parser.parse(Fixtures.body("whatsapp/whatsapp-media.json"), NOW).messages();

        assertThat(messages)
                .flatExtracting(InboundMessage::getAttachments)
                .extracting(Attachment::getName, Attachment::getMediaType, Attachment::getReference)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("invoice-4567.pdf", "application/pdf", "1234987650192837"),
                        org.assertj.core.groups.Tuple.tuple("", "audio/ogg; codecs=opus", "918273645501928"),
                        org.assertj.core.groups.Tuple.tuple("", "image/webp", "771234560987654"));
        assertThat(messages.get(0).getBodyText()).isEqualTo("Invoice for order 4567");
        assertThat(messages.get(0).getAttachments().get(0).getSha256())
                .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        assertThat(messages.get(1).getMetadata()).containsEntry("whatsapp.voice", "true");
    }

    @Test
    void statusesAreDeliveryInformationOnePerStep() {
        ParsedWebhook parsed = parser.parse(Fixtures.body("whatsapp/whatsapp-statuses.json"), NOW);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.messages())
                .hasSize(4)
                .allSatisfy(m -> assertThat(m.getKind()).isEqualTo(MessageKind.DELIVERY_STATUS));
        String wamid = "wamid.HBgMOTY2NTAwMDAwMDAxFQIAERgSQzZGNUVFOTgxMUUyMkI3MzVBAA==";
        assertThat(parsed.messages())
                .extracting(InboundMessage::getSourceMessageId)
                .containsExactly(
                        wamid + ":sent",
                        wamid + ":delivered",
                        wamid + ":read",
                        "wamid.HBgMMjAxMDAxMjM0NTY3FQIAERgSMEI0RTVGNkE3QjhDOUQwRTFGAA==:failed");
        InboundMessage read = parsed.messages().get(2);
        assertThat(read.getConversationKey()).isEqualTo("whatsapp:" + PHONE_NUMBER_ID + ":966500000001");
        assertThat(read.getMetadata()).containsEntry("status", "read").containsEntry("status.message-id", wamid);
        assertThat(read.getReceivedAt()).isEqualTo(Instant.ofEpochSecond(1795685530L));
        InboundMessage failed = parsed.messages().get(3);
        assertThat(failed.getMetadata())
                .containsEntry("status", "failed")
                .containsEntry("status.error.code", "131047")
                .containsEntry("status.error.title", "Re-engagement message");
    }

    @Test
    void reactionsAreSkippedAndUnsupportedMessagesStillReachAnAgent() {
        ParsedWebhook parsed = parser.parse(Fixtures.body("whatsapp/whatsapp-skipped-and-unsupported.json"), NOW);

        assertThat(parsed.ignored()).containsExactly("whatsapp reaction");
        InboundMessage unsupported = parsed.messages().get(0);
        assertThat(unsupported.getKind()).isEqualTo(MessageKind.CUSTOMER_MESSAGE);
        assertThat(unsupported.getBodyText()).isEmpty();
        // A username hides the phone number: the business-scoped user id stands in.
        assertThat(unsupported.getConversationKey())
                .isEqualTo("whatsapp:" + PHONE_NUMBER_ID + ":US.13491208655302741918");
        assertThat(unsupported.getCustomer().getPhone()).isNull();
        assertThat(unsupported.getCustomer().getDisplayName()).isEqualTo("Sam Lee");
        assertThat(unsupported.getMetadata())
                .containsEntry("whatsapp.type", "unsupported")
                .containsEntry("whatsapp.error.code", "131051")
                .containsEntry("whatsapp.username", "samlee");
    }

    @Test
    void aMessageSentFromTheWhatsAppBusinessAppIsAnAgentEcho() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{
                  "value":{"messaging_product":"whatsapp",
                   "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
                   "message_echoes":[{"from":"15550783881","to":"+966500000001",
                     "id":"wamid.HBgMOTY2NTAwMDAwMDAxFQIAERgSRUNIT0VDSE9FQ0hPAA==","timestamp":"1795685600",
                     "type":"text","text":{"body":"Your refund was sent today."}}]},
                  "field":"smb_message_echoes"}]}]}""";

        InboundMessage echo = parser.parse(body.getBytes(StandardCharsets.UTF_8), NOW)
                .messages()
                .get(0);

        assertThat(echo.getKind()).isEqualTo(MessageKind.AGENT_ECHO);
        assertThat(echo.getConversationKey()).isEqualTo("whatsapp:" + PHONE_NUMBER_ID + ":966500000001");
        assertThat(echo.getBodyText()).isEqualTo("Your refund was sent today.");
        assertThat(echo.getReceivedAt()).isEqualTo(Instant.ofEpochSecond(1795685600L));
    }

    @Test
    void anotherWebhookFieldIsAProblem() {
        ParsedWebhook parsed = parser.parse(Fixtures.body("whatsapp/whatsapp-unknown-field.json"), NOW);

        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo(DeadLetterReason.UNKNOWN_SHAPE);
            assertThat(p.detail())
                    .isEqualTo("entry[0].changes[0]: field 'message_template_status_update' is not handled;"
                            + " subscribe to 'messages' (and 'smb_message_echoes') only");
        });
    }

    @Test
    void aMessageWithoutIdOrSenderIsAProblem() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages",
                 "value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"2"},
                  "messages":[{"from":"3","timestamp":"1795685400","type":"text","text":{"body":"hi"}}]}}]}]}""";

        ParsedWebhook parsed = parser.parse(body.getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(parsed.problems().get(0).detail()).isEqualTo("entry[0].changes[0].value.messages[0]: no id");
        assertThat(parser.parse("{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8), NOW)
                        .problems()
                        .get(0)
                        .detail())
                .isEqualTo("object 'page' is not whatsapp_business_account");
    }
}
