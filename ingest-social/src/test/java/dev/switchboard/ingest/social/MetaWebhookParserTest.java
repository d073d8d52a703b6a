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
import org.junit.jupiter.api.Test;

class MetaWebhookParserTest {
    private static final String PAGE = "106729815511208";
    private final MetaWebhookParser parser = new MetaWebhookParser();

    @Test
    void everyMessageOfEveryEntryBecomesOneEvent() {
        ParsedWebhook parsed = parser.parse(Fixtures.body("meta/messenger-batched.json"), NOW);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.messages())
                .extracting(InboundMessage::getSourceMessageId)
                .containsExactly(
                        "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu_I3rRN6w",
                        "m_Qp7Xy1cF0vT5yYH7bq3dmrC9Tn0ZzJ3bqDbhN_y4CvK8ma6AC8fplwlqLP_5cgXIbu_I3rRN6Q",
                        "m_L0gP8vm1Xz9aW3tPq9XkH2e7cJ4bNhS6uY1rT0oK_d8ma6AC8fplwlqLP_5cgXIbu_I3rRN6A",
                        "m_Zk3Qw8pR2sT6vY9bN1mL4xC7fH0jD5gA_e9ma6AC8fplwlqLP_5cgXIbu_I3rRN6B");
        assertThat(parsed.messages()).allSatisfy(m -> {
            assertThat(m.getChannel()).isEqualTo(Channel.MESSENGER);
            assertThat(m.getKind()).isEqualTo(MessageKind.CUSTOMER_MESSAGE);
            assertThat(m.getSourceId()).isEqualTo(PAGE);
            assertThat(m.getIngestedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void aTextMessageKeepsItsWordsItsCustomerAndThePlatformTime() {
        InboundMessage first = parser.parse(Fixtures.body("meta/messenger-batched.json"), NOW)
                .messages()
                .get(0);

        assertThat(first.getConversationKey()).isEqualTo("messenger:" + PAGE + ":6634287186609412");
        assertThat(first.getCustomer().getHandle()).isEqualTo("6634287186609412");
        assertThat(first.getBodyText()).isEqualTo("طلبي رقم ٤٥٦٧ لم يصل بعد، متى سيصل؟");
        assertThat(first.getFullText()).isEqualTo(first.getBodyText());
        assertThat(first.getReceivedAt()).isEqualTo(Instant.parse("2026-11-26T09:30:00Z"));
        assertThat(first.getAttachments()).isEmpty();
    }

    @Test
    void aQuickReplyKeepsItsTitleAsTextAndItsPayloadInMetadata() {
        InboundMessage quickReply = parser.parse(Fixtures.body("meta/messenger-batched.json"), NOW)
                .messages()
                .get(1);

        assertThat(quickReply.getBodyText()).isEqualTo("Track my order");
        assertThat(quickReply.getMetadata()).containsEntry("meta.quick-reply-payload", "TRACK_ORDER_4567");
    }

    @Test
    void aPostbackBecomesACustomerMessageWithTheButtonTitle() {
        InboundMessage postback = parser.parse(Fixtures.body("meta/messenger-batched.json"), NOW)
                .messages()
                .get(2);

        assertThat(postback.getBodyText()).isEqualTo("Talk to a person");
        assertThat(postback.getConversationKey()).isEqualTo("messenger:" + PAGE + ":7125593319837701");
        assertThat(postback.getMetadata())
                .containsEntry("meta.event", "postback")
                .containsEntry("meta.postback-payload", "HUMAN_HANDOFF");
    }

    @Test
    void mediaAndLocationsAreAttachmentsByReference() {
        InboundMessage withMedia = parser.parse(Fixtures.body("meta/messenger-batched.json"), NOW)
                .messages()
                .get(3);

        assertThat(withMedia.getBodyText()).isEqualTo("The box arrived crushed, see photo");
        assertThat(withMedia.getAttachments())
                .extracting(Attachment::getMediaType, Attachment::getReference, Attachment::getName)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "image/*",
                                "https://scontent.xx.fbcdn.net/v/t1.15752-9/470161235_1287_n.jpg?_nc_cat=1&oh=00_AYB&oe=6770B0C1",
                                ""),
                        org.assertj.core.groups.Tuple.tuple("text/uri-list", "geo:24.7136,46.6753", "Home"));
        assertThat(withMedia.getAttachments())
                .allSatisfy(a -> assertThat(a.getSha256()).isNull());
        assertThat(withMedia.getMetadata())
                .containsEntry("meta.attachment-types", "image,location")
                .containsEntry("meta.reply-to", "m_8Jp2Lq5Ws1Xz4Cv7Bn0Mk3Hg6Fd9Sa_qa1ma6AC8fplwlqLP_5cgXIbu_I3rRN6C");
    }

    @Test
    void anEchoIsTheBusinesssOwnReplyToTheRecipient() {
        ParsedWebhook parsed = parser.parse(Fixtures.body("meta/messenger-echo.json"), NOW);

        InboundMessage echo = parsed.messages().get(0);
        assertThat(echo.getKind()).isEqualTo(MessageKind.AGENT_ECHO);
        assertThat(echo.getConversationKey()).isEqualTo("messenger:" + PAGE + ":6634287186609412");
        assertThat(echo.getCustomer().getHandle()).isEqualTo("6634287186609412");
        assertThat(echo.getSourceMessageId())
                .isEqualTo("m_eCh0Xq2Wp5Rt8Yu1Io4Pa7Sd0Fg3Hj6Kl_z1ma6AC8fplwlqLP_5cgXIbu_I3rRN6D");
        assertThat(echo.getMetadata())
                .containsEntry("meta.app-id", "263902037430900")
                .containsEntry("meta.echo-metadata", "helpdesk:SB-1042");
    }

    @Test
    void instagramMessagesStoryRepliesMentionsAndEchoes() {
        ParsedWebhook parsed = parser.parse(Fixtures.body("meta/instagram-messages.json"), NOW);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.messages()).hasSize(3).allSatisfy(m -> {
            assertThat(m.getChannel()).isEqualTo(Channel.INSTAGRAM);
            assertThat(m.getConversationKey()).isEqualTo("instagram:17841405309211844:1334567890123456");
        });
        InboundMessage storyReply = parsed.messages().get(0);
        assertThat(storyReply.getBodyText()).isEqualTo("Is this jacket still available in size M?");
        assertThat(storyReply.getMetadata()).containsEntry("meta.reply-to.story-id", "17953893518651234");
        InboundMessage mention = parsed.messages().get(1);
        assertThat(mention.getBodyText()).isEmpty();
        assertThat(mention.getAttachments().get(0).getMediaType()).isEqualTo("text/uri-list");
        assertThat(mention.getMetadata()).containsEntry("meta.attachment-types", "story_mention");
        assertThat(parsed.messages().get(2).getKind()).isEqualTo(MessageKind.AGENT_ECHO);
        assertThat(parsed.ignored()).containsExactly("instagram deleted message", "instagram read");
    }

    @Test
    void anUnknownEventIsAProblemWhileItsNeighboursStillCount() {
        ParsedWebhook parsed = parser.parse(Fixtures.body("meta/messenger-unknown-event.json"), NOW);

        assertThat(parsed.messages()).extracting(InboundMessage::getBodyText).containsExactly("Can you check again?");
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo(DeadLetterReason.UNKNOWN_SHAPE);
            assertThat(p.detail())
                    .startsWith("entry[0].messaging[0]: no message or postback")
                    .contains("message_edit")
                    // Details name keys, never what the customer wrote.
                    .doesNotContain("4576");
        });
    }

    @Test
    void receiptsAreSkippedNotDeadLettered() {
        ParsedWebhook parsed = parser.parse(Fixtures.body("meta/messenger-receipts.json"), NOW);

        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.ignored()).containsExactly("messenger delivery", "messenger read");
    }

    @Test
    void theDashboardsTestNotificationIsReadWithItsTimestampInSeconds() {
        ParsedWebhook parsed = parser.parse(Fixtures.body("meta/dashboard-test.json"), NOW);

        InboundMessage postback = parsed.messages().get(0);
        // The test entry's id is "0": the recipient is the page.
        assertThat(postback.getConversationKey()).isEqualTo("messenger:23245:12334");
        assertThat(postback.getReceivedAt()).isEqualTo(Instant.ofEpochSecond(1527459824L));
        assertThat(postback.getBodyText()).isEqualTo("TITLE-FOR-THE-CTA");
    }

    @Test
    void aPostbackWithoutMidIsIdentifiedBySenderAndTime() {
        String body = """
                {"object":"page","entry":[{"id":"1","time":1795685400000,"messaging":[
                  {"sender":{"id":"42"},"recipient":{"id":"1"},"timestamp":1795685400000,
                   "postback":{"title":"Get Started","payload":"GET_STARTED"}}]}]}""";

        InboundMessage postback = parse(body).messages().get(0);

        assertThat(postback.getSourceMessageId()).isEqualTo("postback:42:1795685400000");
    }

    @Test
    void bodiesThatAreNotMetaWebhooksAreProblems() {
        assertThat(parse("not json at all").problems().get(0).reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
        assertThat(parse("").problems().get(0).reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
        assertThat(parse("{\"object\":\"page\",\"entry\":[]} trailing")
                        .problems()
                        .get(0)
                        .reason())
                .isEqualTo(DeadLetterReason.INVALID_JSON);
        assertThat(parse("[1,2]").problems().get(0).detail()).contains("array");
        assertThat(parse("{\"object\":\"user\",\"entry\":[]}").problems().get(0).detail())
                .isEqualTo("object 'user' is neither page nor instagram");
        assertThat(parse("{\"object\":\"page\"}").problems().get(0).detail()).isEqualTo("no 'entry' array");
        assertThat(parse("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[{\"sender\":{\"id\":\"2\"},"
                                + "\"recipient\":{\"id\":\"1\"},\"message\":{\"text\":\"hi\"}}]}]}")
                        .problems()
                        .get(0)
                        .detail())
                .isEqualTo("entry[0].messaging[0].message: no mid");
    }

    @Test
    void invalidUtf8IsAProblemNotACrash() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThat(parser.parse(body, NOW).problems().get(0).reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
    }

    private ParsedWebhook parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8), NOW);
    }
}
