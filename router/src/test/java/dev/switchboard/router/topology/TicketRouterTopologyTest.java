package dev.switchboard.router.topology;

import static dev.switchboard.router.RouterFixtures.T0;
import static dev.switchboard.router.RouterFixtures.autoReply;
import static dev.switchboard.router.RouterFixtures.bounce;
import static dev.switchboard.router.RouterFixtures.email;
import static dev.switchboard.router.RouterFixtures.emailReply;
import static dev.switchboard.router.RouterFixtures.social;
import static dev.switchboard.router.RouterFixtures.whatsapp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Channel;
import dev.switchboard.events.Customer;
import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.MessageKind;
import dev.switchboard.events.Priority;
import dev.switchboard.events.PriorityReason;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.router.RouterFixtures;
import dev.switchboard.router.TicketRouter;
import dev.switchboard.router.assignment.AssignmentEngine;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.router.tickets.TicketIds;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router's topology with Kafka Streams' test driver: what the ticket topic shows for each input. */
class TicketRouterTopologyTest {
    private static final Topics TOPICS = Topics.DEFAULT;

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, InboundMessage> inbound;
    private TestInputTopic<String, TicketEvent> helpdesk;
    private TestInputTopic<String, Customer> customers;
    private TestInputTopic<byte[], byte[]> rawInbound;
    private TestOutputTopic<String, TicketEvent> events;
    private TestOutputTopic<String, DeadLetter> deadLetters;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void start() throws Exception {
        RouterConfig config = new RouterConfig(
                KafkaSettings.defaults().withStateDir(Files.createDirectories(stateDir)), RouterFixtures.rules());
        Properties props = TicketRouter.streamsProperties(config);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The test driver's mock producer loses the dead-letter records that the deserialization
        // handler returns under exactly_once_v2 (they are sent outside the driver's transaction);
        // TicketRouterIT checks the dead-letter path under exactly_once_v2 on a real broker.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        meters = new SimpleMeterRegistry();
        driver = new TopologyTestDriver(
                TicketRouter.buildTopology(config, meters, RouterFixtures.analyzer()), props, T0);
        inbound = driver.createInputTopic(
                TOPICS.inboundMessages().name(),
                TOPICS.inboundMessages().keySerde().serializer(),
                TOPICS.inboundMessages().valueSerde().serializer());
        rawInbound = driver.createInputTopic(
                TOPICS.inboundMessages().name(), new ByteArraySerializer(), new ByteArraySerializer());
        helpdesk = driver.createInputTopic(
                TOPICS.ticketEvents().name(),
                TOPICS.ticketEvents().keySerde().serializer(),
                TOPICS.ticketEvents().valueSerde().serializer());
        customers = driver.createInputTopic(
                TOPICS.customers().name(),
                TOPICS.customers().keySerde().serializer(),
                TOPICS.customers().valueSerde().serializer());
        events = driver.createOutputTopic(
                TOPICS.ticketEvents().name(),
                TOPICS.ticketEvents().keySerde().deserializer(),
                TOPICS.ticketEvents().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(
                TOPICS.deadLetter().name(),
                TOPICS.deadLetter().keySerde().deserializer(),
                TOPICS.deadLetter().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(InboundMessage message) {
        inbound.pipeInput(message.getConversationKey(), message, message.getReceivedAt());
    }

    /** The router's own events since the last call (helpdesk input echoes on the same topic are skipped). */
    private List<TicketEvent> routerEvents() {
        return events.readValuesToList().stream()
                .filter(e -> e.getOrigin() == EventOrigin.ROUTER || e.getOrigin() == EventOrigin.SOCIAL_ECHO)
                .toList();
    }

    private TicketEvent created(InboundMessage message) {
        send(message);
        List<TicketEvent> out = routerEvents();
        assertThat(out).first().extracting(TicketEvent::getType).isEqualTo(TicketEventType.CREATED);
        return out.get(0);
    }

    private void fromHelpdesk(TicketEvent.Builder event) {
        TicketEvent e = event.build();
        helpdesk.pipeInput(e.getTicketId(), e, e.getOccurredAt());
    }

    private static TicketEvent.Builder helpdeskEvent(String ticketId, TicketEventType type, Instant at) {
        return TicketEvent.newBuilder()
                .setEventId("hd-" + ticketId + "-" + type + "-" + at.toEpochMilli())
                .setTicketId(ticketId)
                .setType(type)
                .setOrigin(EventOrigin.HELPDESK)
                .setOccurredAt(at);
    }

    // ------------------------------------------------------------------ new tickets

    @Test
    void aNewMessageOpensATicketWithEveryDecisionExplained() {
        TicketEvent event = created(email(
                "m1@mail.example", "layla@example.com", "Refund", "Please refund the $89.99 for order #48213", T0));

        assertThat(TicketIds.isTicketId(event.getTicketId())).isTrue();
        assertThat(event.getEventId()).isEqualTo(event.getTicketId() + ":1");
        assertThat(event.getMessageId()).isEqualTo("m1@mail.example");
        assertThat(event.getSourceReceivedAt()).isEqualTo(T0);
        var ticket = event.getTicket();
        assertThat(ticket.getStatus()).isEqualTo(TicketStatus.NEW);
        assertThat(ticket.getIntent().getIntent()).isEqualTo("refund");
        assertThat(ticket.getIntent().getEvidence()).isNotEmpty();
        assertThat(ticket.getLanguage()).isEqualTo("en");
        assertThat(ticket.getTeam()).isEqualTo("billing");
        assertThat(ticket.getRoutingGroup()).isEqualTo("default");
        assertThat(ticket.getPriorityReasons()).contains(new PriorityReason("refund intent", 10));
        assertThat(ticket.getAmounts()).singleElement().satisfies(a -> {
            assertThat(a.getAmount()).isEqualTo("89.99");
            assertThat(a.getCurrency()).isEqualTo("USD");
        });
        assertThat(ticket.getOrderNumbers()).containsExactly("48213");
        assertThat(event.getReasons()).anySatisfy(r -> assertThat(r).startsWith("intent refund"));
        assertThat(event.getReasons()).anySatisfy(r -> assertThat(r).startsWith("language en"));
    }

    @Test
    void eachTicketTakesTheNextNumberOfItsPartition() {
        String first = created(email("a@x", "a@example.com", "hi", "where is my order", T0))
                .getTicketId();
        String second = created(email("b@x", "b@example.com", "hi", "where is my order", T0.plusSeconds(5)))
                .getTicketId();
        assertThat(second).isNotEqualTo(first);
        KeyValueStore<String, Long> counter = driver.getKeyValueStore(TicketRouter.COUNTER_STORE);
        assertThat(counter.all())
                .toIterable()
                .singleElement()
                .satisfies(kv -> assertThat(kv.value).isEqualTo(2L));
    }

    // ------------------------------------------------------------------ dedupe

    @Test
    void aRetryOfTheSameSourceMessageIsDropped() {
        InboundMessage message = whatsapp("wamid.1", "966500000001", "وين طلبي؟", T0);
        send(message);
        send(message);
        inbound.pipeInput(message.getConversationKey(), message, T0.plus(Duration.ofDays(3)));

        assertThat(routerEvents()).extracting(TicketEvent::getType).containsExactly(TicketEventType.CREATED);
        assertThat(new RouterMetrics(meters).droppedCount("duplicate")).isEqualTo(2.0);
    }

    @Test
    void theSameIdAfterTheDedupeWindowIsANewMessage() {
        InboundMessage message = whatsapp("wamid.2", "966500000002", "وين طلبي؟", T0);
        send(message);
        inbound.pipeInput(message.getConversationKey(), message, T0.plus(Duration.ofDays(15)));

        assertThat(routerEvents())
                .extracting(TicketEvent::getType)
                .containsExactly(TicketEventType.CREATED, TicketEventType.CUSTOMER_MESSAGE);
    }

    // ------------------------------------------------------------------ threading

    @Test
    void aFollowUpJoinsItsConversationAndRepeatedFollowUpsRaisePriority() {
        String ticket = created(whatsapp("w1", "966500000003", "where is my order?", T0))
                .getTicketId();
        send(whatsapp("w2", "966500000003", "any news?", T0.plus(Duration.ofMinutes(20))));
        send(whatsapp("w3", "966500000003", "hello??", T0.plus(Duration.ofMinutes(40))));

        List<TicketEvent> out = routerEvents();
        assertThat(out).allSatisfy(e -> assertThat(e.getTicketId()).isEqualTo(ticket));
        assertThat(out)
                .extracting(TicketEvent::getType)
                .containsExactly(
                        TicketEventType.CUSTOMER_MESSAGE,
                        TicketEventType.CUSTOMER_MESSAGE,
                        TicketEventType.PRIORITY_CHANGED);
        TicketEvent last = out.get(out.size() - 1);
        assertThat(last.getTicket().getCustomerMessages()).isEqualTo(3);
        assertThat(last.getTicket().getPriority()).isEqualTo(Priority.HIGH);
        assertThat(last.getTicket().getPriorityReasons())
                .contains(new PriorityReason("3rd message in 2h while waiting", 30));
        assertThat(last.getEventId()).isEqualTo(ticket + ":4");
    }

    @Test
    void summariesCarryTheAssigneeAndAnSlaRaisedPriorityThatAssignmentDecided() {
        String ticket = created(whatsapp("as1", "966500000009", "where is my order?", T0))
                .getTicketId();
        fromHelpdesk(assignmentEvent(ticket, TicketEventType.ASSIGNED, T0.plusSeconds(1))
                .setAgentId("omar"));
        fromHelpdesk(assignmentEvent(ticket, TicketEventType.PRIORITY_CHANGED, T0.plusSeconds(2))
                .setAttributes(Map.of(
                        AssignmentEngine.STAGE,
                        AssignmentEngine.STAGE_VALUE,
                        AssignmentEngine.PRIORITY_FLOOR,
                        "URGENT")));
        send(whatsapp("as2", "966500000009", "any news?", T0.plus(Duration.ofMinutes(20))));

        assertThat(routerEvents()).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(TicketEventType.CUSTOMER_MESSAGE);
            assertThat(e.getTicket().getAssignee()).isEqualTo("omar");
            assertThat(e.getTicket().getPriority()).isEqualTo(Priority.URGENT);
        });
    }

    private static TicketEvent.Builder assignmentEvent(String ticketId, TicketEventType type, Instant at) {
        return TicketEvent.newBuilder()
                .setEventId(ticketId + ":default:a" + at.toEpochMilli())
                .setTicketId(ticketId)
                .setType(type)
                .setOrigin(EventOrigin.ROUTER)
                .setOccurredAt(at)
                .setAttributes(Map.of(AssignmentEngine.STAGE, AssignmentEngine.STAGE_VALUE));
    }

    @Test
    void anEmailReplyToTheAgentsReplyJoinsEvenUnderANewConversationKey() {
        String ticket = created(
                        email("c1@mail.example", "omar@example.com", "Broken lamp", "The lamp arrived broken", T0))
                .getTicketId();
        fromHelpdesk(helpdeskEvent(ticket, TicketEventType.AGENT_REPLIED, T0.plus(Duration.ofHours(1)))
                .setAgentId("amira")
                .setMessageId("agent-reply-1@shop.example"));
        routerEvents();

        // The customer's client dropped References: the reply starts its own conversation key.
        send(emailReply(
                "c2@mail.example",
                "email:support:agent-reply-1@shop.example",
                "omar@example.com",
                "Re: Broken lamp",
                "Thanks, a replacement is fine",
                T0.plus(Duration.ofHours(2)),
                List.of("agent-reply-1@shop.example")));

        assertThat(routerEvents()).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(TicketEventType.CUSTOMER_MESSAGE);
            assertThat(e.getTicketId()).isEqualTo(ticket);
            assertThat(e.getReasons()).first().asString().contains("references agent-reply-1@shop.example");
        });
    }

    @Test
    void aReplyReferencingAnEarlierCustomerMessageJoinsIt() {
        String ticket = created(email("r1@mail.example", "nour@example.com", "Order", "Where is order 55120?", T0))
                .getTicketId();
        send(emailReply(
                "r2@mail.example",
                "email:support:other-root@mail.example",
                "nour@example.com",
                "Re: Order",
                "Still nothing",
                T0.plus(Duration.ofDays(1)),
                List.of("other-root@mail.example", "r1@mail.example")));

        assertThat(routerEvents())
                .first()
                .satisfies(e -> assertThat(e.getTicketId()).isEqualTo(ticket));
    }

    @Test
    void aTicketTokenInTheSubjectJoinsForTheSameCustomerAndLinksForAnother() {
        String ticket = created(email("s1@mail.example", "sara@example.com", "Exchange", "Can I swap for size M?", T0))
                .getTicketId();

        send(email(
                "s2@mail.example",
                "sara@example.com",
                "[#" + ticket + "] still waiting",
                "Any news?",
                T0.plusSeconds(600)));
        assertThat(routerEvents()).first().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(TicketEventType.CUSTOMER_MESSAGE);
            assertThat(e.getTicketId()).isEqualTo(ticket);
        });

        send(email(
                "s3@mail.example",
                "mallory@example.com",
                "Re: [#" + ticket + "]",
                "Please refund me",
                T0.plusSeconds(900)));
        assertThat(routerEvents()).first().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(TicketEventType.CREATED);
            assertThat(e.getTicketId()).isNotEqualTo(ticket);
            assertThat(e.getTicket().getLinkedTicketId()).isEqualTo(ticket);
            assertThat(e.getReasons()).first().asString().contains("not from that ticket's customer");
        });
    }

    @Test
    void aLinkedTicketFromAnotherCustomerLivesWithItsOwnConversation() {
        String ticket = created(email("t1@mail.example", "sara@example.com", "Exchange", "Can I swap for size M?", T0))
                .getTicketId();
        InboundMessage other = email(
                "t2@mail.example", "mallory@example.com", "Re: [#" + ticket + "]", "Refund me", T0.plusSeconds(60));
        String linked = created(other).getTicketId();

        send(emailReply(
                "t3@mail.example",
                other.getConversationKey(),
                "mallory@example.com",
                "Re: hello",
                "any news?",
                T0.plusSeconds(120),
                List.of()));
        assertThat(routerEvents()).first().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(TicketEventType.CUSTOMER_MESSAGE);
            assertThat(e.getTicketId()).isEqualTo(linked);
        });
    }

    @Test
    void anUnknownTicketTokenOpensATicketThatNamesIt() {
        TicketEvent event =
                created(email("u1@mail.example", "new@example.com", "[#SB-ZZZZZ] hello", "where is my order?", T0));
        assertThat(event.getTicket().getLinkedTicketId()).isEqualTo("SB-ZZZZZ");
    }

    @Test
    void twoCustomersWithTheSameSubjectGetTwoTickets() {
        String a = created(email("x1@a", "a@example.com", "Order problem", "My order is late", T0))
                .getTicketId();
        String b = created(email("x2@b", "b@example.com", "Order problem", "My order is late", T0.plusSeconds(1)))
                .getTicketId();
        assertThat(a).isNotEqualTo(b);
    }

    // ------------------------------------------------------------------ lifecycle with the helpdesk

    @Test
    void aCustomerMessageReopensASolvedTicketWithinTheWindow() {
        String ticket = created(whatsapp("l1", "966500000010", "my order never arrived", T0))
                .getTicketId();
        fromHelpdesk(helpdeskEvent(ticket, TicketEventType.STATUS_CHANGED, T0.plus(Duration.ofHours(3)))
                .setStatus(TicketStatus.SOLVED));
        routerEvents();

        send(whatsapp("l2", "966500000010", "it still hasn't come", T0.plus(Duration.ofDays(2))));

        assertThat(routerEvents()).first().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(TicketEventType.REOPENED);
            assertThat(e.getTicketId()).isEqualTo(ticket);
            assertThat(e.getStatus()).isEqualTo(TicketStatus.OPEN);
            assertThat(e.getTicket().getStatus()).isEqualTo(TicketStatus.OPEN);
        });
    }

    @Test
    void aReopenedTicketStaysOpenForTheNextMessage() {
        String ticket = created(whatsapp("ro1", "966500000015", "my order never arrived", T0))
                .getTicketId();
        // pending on the customer, who answers: the router has set the ticket open itself
        fromHelpdesk(helpdeskEvent(ticket, TicketEventType.STATUS_CHANGED, T0.plus(Duration.ofMinutes(30)))
                .setStatus(TicketStatus.PENDING));
        send(whatsapp("ro1b", "966500000015", "the order is 5512", T0.plus(Duration.ofHours(1))));
        fromHelpdesk(helpdeskEvent(ticket, TicketEventType.STATUS_CHANGED, T0.plus(Duration.ofHours(3)))
                .setStatus(TicketStatus.SOLVED));
        routerEvents();

        send(whatsapp("ro2", "966500000015", "it still hasn't come", T0.plus(Duration.ofDays(2))));
        send(whatsapp(
                "ro3", "966500000015", "hello??", T0.plus(Duration.ofDays(2)).plusSeconds(60)));

        assertThat(routerEvents())
                .extracting(TicketEvent::getType)
                .startsWith(TicketEventType.REOPENED, TicketEventType.CUSTOMER_MESSAGE)
                .containsOnlyOnce(TicketEventType.REOPENED);
    }

    @Test
    void afterTheReopenWindowANewTicketLinksToTheOldOne() {
        String ticket = created(whatsapp("n1", "966500000011", "my order never arrived", T0))
                .getTicketId();
        fromHelpdesk(helpdeskEvent(ticket, TicketEventType.STATUS_CHANGED, T0.plus(Duration.ofHours(3)))
                .setStatus(TicketStatus.SOLVED));
        routerEvents();

        send(whatsapp("n2", "966500000011", "I want to return the shoes", T0.plus(Duration.ofDays(9))));

        assertThat(routerEvents()).first().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(TicketEventType.CREATED);
            assertThat(e.getTicketId()).isNotEqualTo(ticket);
            assertThat(e.getTicket().getLinkedTicketId()).isEqualTo(ticket);
            assertThat(e.getTicket().getIntent().getIntent()).isEqualTo("return");
        });
        // and the conversation now continues on the new ticket
        send(whatsapp(
                "n3", "966500000011", "hello?", T0.plus(Duration.ofDays(9)).plusSeconds(60)));
        assertThat(routerEvents())
                .first()
                .satisfies(e -> assertThat(e.getTicketId()).isNotEqualTo(ticket));
    }

    @Test
    void aCustomerMessageOnAPendingTicketMakesItOpenAgain() {
        String ticket = created(whatsapp("p1", "966500000012", "can I pay with tabby?", T0))
                .getTicketId();
        fromHelpdesk(helpdeskEvent(ticket, TicketEventType.STATUS_CHANGED, T0.plusSeconds(600))
                .setStatus(TicketStatus.PENDING));
        routerEvents();

        send(whatsapp("p2", "966500000012", "yes the order number is 5512", T0.plusSeconds(1200)));
        assertThat(routerEvents()).first().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(TicketEventType.CUSTOMER_MESSAGE);
            assertThat(e.getTicket().getStatus()).isEqualTo(TicketStatus.OPEN);
        });
    }

    @Test
    void anAgentReplyEndsTheWaitSoLaterMessagesAreNotFollowUps() {
        String ticket =
                created(whatsapp("f1", "966500000013", "where is my order", T0)).getTicketId();
        send(whatsapp("f2", "966500000013", "??", T0.plusSeconds(300)));
        fromHelpdesk(helpdeskEvent(ticket, TicketEventType.AGENT_REPLIED, T0.plusSeconds(600))
                .setAgentId("amira")
                .setMessageId("wamid.agent.1"));
        routerEvents();

        send(whatsapp("f3", "966500000013", "ok thanks", T0.plusSeconds(900)));
        assertThat(routerEvents())
                .first()
                .satisfies(e -> assertThat(e.getTicket().getPriorityReasons())
                        .noneSatisfy(r -> assertThat(r.getLabel()).contains("while waiting")));
    }

    @Test
    void theRoutersOwnEventsOnTheTicketTopicChangeNothing() {
        String ticket =
                created(whatsapp("o1", "966500000014", "where is my order", T0)).getTicketId();
        fromHelpdesk(helpdeskEvent(ticket, TicketEventType.STATUS_CHANGED, T0.plusSeconds(60))
                .setOrigin(EventOrigin.ROUTER)
                .setStatus(TicketStatus.SOLVED));
        routerEvents();

        send(whatsapp("o2", "966500000014", "hello?", T0.plus(Duration.ofDays(10))));
        assertThat(routerEvents()).first().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(TicketEventType.CUSTOMER_MESSAGE);
            assertThat(e.getTicketId()).isEqualTo(ticket);
        });
    }

    // ------------------------------------------------------------------ automated mail, echoes

    @Test
    void anAutoReplyBecomesANoteAndNeverOpensATicket() {
        InboundMessage original =
                email("q1@mail.example", "hana@example.com", "Invoice", "Please send the invoice", T0);
        String ticket = created(original).getTicketId();

        send(autoReply(emailReply(
                "ooo@mail.example",
                original.getConversationKey(),
                "hana@example.com",
                "Out of office",
                "I am away until Monday",
                T0.plusSeconds(60),
                List.of("q1@mail.example"))));
        assertThat(routerEvents()).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(TicketEventType.NOTE_ADDED);
            assertThat(e.getTicketId()).isEqualTo(ticket);
            assertThat(e.getAttributes()).containsEntry("note", "auto-reply");
        });

        send(autoReply(
                email("ooo2@mail.example", "stranger@example.com", "Out of office", "Away", T0.plusSeconds(90))));
        assertThat(routerEvents()).isEmpty();
        assertThat(new RouterMetrics(meters).droppedCount("auto-reply-without-ticket"))
                .isEqualTo(1.0);
    }

    @Test
    void aBounceMarksTheCustomerUnreachable() {
        InboundMessage original = email("b1@mail.example", "gone@example.com", "Help", "Where is my order?", T0);
        String ticket = created(original).getTicketId();
        fromHelpdesk(helpdeskEvent(ticket, TicketEventType.AGENT_REPLIED, T0.plusSeconds(300))
                .setMessageId("agent-2@shop.example"));
        routerEvents();

        send(bounce(
                "bounce-1@mx.example",
                "email:support:bounce-1@mx.example",
                "gone@example.com",
                List.of("agent-2@shop.example"),
                T0.plusSeconds(400)));

        assertThat(routerEvents()).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(TicketEventType.CUSTOMER_UNREACHABLE);
            assertThat(e.getTicketId()).isEqualTo(ticket);
            assertThat(e.getAttributes())
                    .containsEntry("address", "gone@example.com")
                    .containsEntry("status", "5.1.1");
        });
    }

    @Test
    void anAgentEchoIsAnAgentReplyOnTheOpenTicket() {
        String conversation = "instagram:page1:igsid-77";
        String ticket = created(social(
                        "i1",
                        Channel.INSTAGRAM,
                        conversation,
                        "igsid-77",
                        "is this in stock?",
                        T0,
                        MessageKind.CUSTOMER_MESSAGE))
                .getTicketId();
        send(social(
                "i2",
                Channel.INSTAGRAM,
                conversation,
                "igsid-77",
                "Yes, size M is back",
                T0.plusSeconds(60),
                MessageKind.AGENT_ECHO));

        assertThat(routerEvents()).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(TicketEventType.AGENT_REPLIED);
            assertThat(e.getOrigin()).isEqualTo(EventOrigin.SOCIAL_ECHO);
            assertThat(e.getTicketId()).isEqualTo(ticket);
            assertThat(e.getMessageId()).isEqualTo("i2");
        });

        send(social(
                "i3",
                Channel.INSTAGRAM,
                "instagram:page1:igsid-78",
                "igsid-78",
                "Thanks!",
                T0.plusSeconds(90),
                MessageKind.AGENT_ECHO));
        assertThat(routerEvents()).isEmpty();
        assertThat(new RouterMetrics(meters).droppedCount("echo-without-open-ticket"))
                .isEqualTo(1.0);
    }

    @Test
    void aFailedWhatsAppDeliveryAfterItWasSentMarksTheCustomerUnreachable() {
        String ticket = created(whatsapp("ds1", "966500000016", "where is my order", T0))
                .getTicketId();
        InboundMessage sent = InboundMessage.newBuilder(social(
                        "wamid.reply.1",
                        Channel.WHATSAPP,
                        "whatsapp:15550001:966500000016",
                        "966500000016",
                        "",
                        T0.plusSeconds(60),
                        MessageKind.DELIVERY_STATUS))
                .setMetadata(Map.of("status", "sent"))
                .build();
        send(sent);
        send(InboundMessage.newBuilder(sent)
                .setMetadata(Map.of("status", "failed"))
                .setReceivedAt(T0.plusSeconds(90))
                .build());

        assertThat(routerEvents()).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(TicketEventType.CUSTOMER_UNREACHABLE);
            assertThat(e.getTicketId()).isEqualTo(ticket);
            assertThat(e.getAttributes()).containsEntry("status", "failed").containsEntry("address", "966500000016");
        });
        assertThat(new RouterMetrics(meters).droppedCount("delivery-status-sent"))
                .isEqualTo(1.0);
    }

    // ------------------------------------------------------------------ customers, escalation

    @Test
    void aVipCustomerGetsPriorityForIt() {
        customers.pipeInput(
                "vip@example.com",
                Customer.newBuilder()
                        .setCustomerKey("vip@example.com")
                        .setTier("VIP")
                        .setUpdatedAt(T0)
                        .build());
        TicketEvent event = created(email("v1@mail.example", "VIP@example.com", "Order", "where is my order?", T0));
        assertThat(event.getTicket().getCustomerTier()).isEqualTo("vip");
        assertThat(event.getTicket().getPriorityReasons()).contains(new PriorityReason("VIP customer", 30));
        assertThat(event.getTicket().getPriority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void aRefundAboveTheLimitEscalatesToAnApprover() {
        send(whatsapp("e1", "966500000020", "ابي استرداد ١٥٠٠ ريال عن الطلب", T0));
        List<TicketEvent> out = routerEvents();
        assertThat(out)
                .extracting(TicketEvent::getType)
                .containsExactly(TicketEventType.CREATED, TicketEventType.ESCALATED);
        TicketEvent escalated = out.get(1);
        assertThat(escalated.getTicket().getEscalation().getRule()).isEqualTo("refund-over-limit");
        assertThat(escalated.getTicket().getEscalation().getRequiredRole()).isEqualTo("refund-approver");
        assertThat(escalated.getReasons()).first().asString().contains("1500 SAR");
        assertThat(escalated.getEventId()).endsWith(":2");
        // the new ticket is escalated from its first event, so assignment never sees it without the role
        assertThat(out.get(0).getTicket().getEscalation())
                .isEqualTo(escalated.getTicket().getEscalation());
    }

    @Test
    void aLegalThreatInAFollowUpEscalatesAndNeverDropsAgain() {
        String ticket =
                created(whatsapp("g1", "966500000021", "where is my order", T0)).getTicketId();
        send(whatsapp("g2", "966500000021", "I will talk to my lawyer", T0.plus(Duration.ofHours(5))));
        send(whatsapp("g3", "966500000021", "ok", T0.plus(Duration.ofHours(6))));

        List<TicketEvent> out = routerEvents();
        assertThat(out)
                .filteredOn(e -> e.getType() == TicketEventType.ESCALATED)
                .singleElement()
                .satisfies(e -> assertThat(e.getTicket().getEscalation().getRequiredRole())
                        .isEqualTo("manager"));
        TicketEvent last = out.get(out.size() - 1);
        assertThat(last.getTicketId()).isEqualTo(ticket);
        assertThat(last.getTicket().getEscalation().getRule()).isEqualTo("legal-threat");
        assertThat(last.getTicket().getPriorityReasons()).contains(new PriorityReason("legal threat", 40));
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void undecodableInputGoesToTheDeadLetterTopicAndTheRouterGoesOn() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        rawInbound.pipeInput("key-1".getBytes(StandardCharsets.UTF_8), garbage, T0);
        send(whatsapp("d1", "966500000030", "where is my order", T0.plusSeconds(1)));

        assertThat(deadLetters.readValuesToList()).singleElement().satisfies(d -> {
            assertThat(d.getService()).isEqualTo("router");
            assertThat(d.getReason()).isEqualTo(DeadLetterReason.UNDECODABLE_RECORD);
            assertThat(d.getPayload()).isEqualTo(ByteBuffer.wrap(garbage));
            assertThat(d.getOriginalSize()).isEqualTo(garbage.length);
            assertThat(d.getContext())
                    .containsEntry("topic", TOPICS.inboundMessages().name());
            assertThat(d.getDetail()).isNotBlank();
        });
        assertThat(routerEvents()).extracting(TicketEvent::getType).containsExactly(TicketEventType.CREATED);
    }

    @Test
    void storesAreNamedAndBounded() {
        assertThat(driver.getAllStateStores())
                .containsKeys(
                        TicketRouter.DEDUPE_STORE,
                        TicketRouter.TICKETS_STORE,
                        TicketRouter.CONVERSATIONS_STORE,
                        TicketRouter.COUNTER_STORE,
                        TicketRouter.INDEX_STORE,
                        TicketRouter.CUSTOMERS_STORE);
    }
}
