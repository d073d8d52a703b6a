package dev.switchboard.testkit;

import dev.switchboard.events.Agent;
import dev.switchboard.events.AgentPresence;
import dev.switchboard.events.Assignment;
import dev.switchboard.events.AssignmentAction;
import dev.switchboard.events.Attachment;
import dev.switchboard.events.BounceInfo;
import dev.switchboard.events.Capacity;
import dev.switchboard.events.Channel;
import dev.switchboard.events.Customer;
import dev.switchboard.events.CustomerIdentity;
import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.EmailThreading;
import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.Ineligibility;
import dev.switchboard.events.IntentDecision;
import dev.switchboard.events.MailboxCheckpoint;
import dev.switchboard.events.MessageFlags;
import dev.switchboard.events.MessageKind;
import dev.switchboard.events.MoneyAmount;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.Priority;
import dev.switchboard.events.PriorityReason;
import dev.switchboard.events.SlaAlert;
import dev.switchboard.events.SlaClockState;
import dev.switchboard.events.SlaClockStatus;
import dev.switchboard.events.SlaLevel;
import dev.switchboard.events.SlaMetric;
import dev.switchboard.events.SlaStatus;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.events.TicketSummary;
import dev.switchboard.events.TimeRange;
import dev.switchboard.events.WeeklyPeriod;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * One fully populated example of every event type, with Arabic text where people write it: for
 * tests that must cover the whole contract.
 */
public final class SampleEvents {
    public static final Instant T0 = Instant.parse("2026-11-26T09:30:00Z");

    private SampleEvents() {}

    public static List<SpecificRecord> all() {
        return List.of(
                inboundMessage(),
                deadLetter(),
                checkpoint(),
                agent(),
                presence(),
                ticketEvent(),
                assignment(),
                slaAlert(),
                slaStatus(),
                customer());
    }

    public static InboundMessage inboundMessage() {
        return InboundMessage.newBuilder()
                .setSourceMessageId("CAF=abc123@mail.gmail.com")
                .setSourceId("support")
                .setChannel(Channel.EMAIL)
                .setKind(MessageKind.CUSTOMER_MESSAGE)
                .setConversationKey("email:support:CAF=abc123@mail.gmail.com")
                .setCustomer(CustomerIdentity.newBuilder()
                        .setAddress("layla@example.com")
                        .setDisplayName("ليلى حسن")
                        .build())
                .setSubject("استرداد مبلغ الطلب ٤٥٦٧")
                .setBodyText("أريد استرداد ٣٠٠ ريال عن الطلب رقم ٤٥٦٧")
                .setFullText("أريد استرداد ٣٠٠ ريال عن الطلب رقم ٤٥٦٧\n\n-- \nليلى")
                .setLanguage("ar")
                .setAttachments(List.of(Attachment.newBuilder()
                        .setName("فاتورة.pdf")
                        .setMediaType("application/pdf")
                        .setSize(48_213L)
                        .setSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                        .build()))
                .setReceivedAt(T0)
                .setIngestedAt(T0.plusMillis(420))
                .setFlags(MessageFlags.newBuilder().setCharsetFallback(true).build())
                .setBounce(BounceInfo.newBuilder().setStatus("5.1.1").build())
                .setThreading(EmailThreading.newBuilder()
                        .setMessageId("CAF=abc123@mail.gmail.com")
                        .setInReplyTo(List.of("SB-1042.1@shop.example"))
                        .setReferences(List.of("first@example.com", "SB-1042.1@shop.example"))
                        .build())
                .setMetadata(Map.of("imap.uid", "4242", "imap.uidvalidity", "1"))
                .build();
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setService("ingest-email")
                .setSourceId("support")
                .setReason(DeadLetterReason.OVERSIZED)
                .setDetail("message of 31457280 bytes is over max-message-size 25MB")
                .setPayload(ByteBuffer.wrap("From: x\r\n\r\n\u00ff".getBytes(StandardCharsets.ISO_8859_1)))
                .setOriginalSize(31_457_280L)
                .setTruncated(true)
                .setOccurredAt(T0)
                .setContext(Map.of("uid", "17", "uidValidity", "1"))
                .build();
    }

    public static MailboxCheckpoint checkpoint() {
        return MailboxCheckpoint.newBuilder()
                .setMailboxId("support")
                .setFolder("INBOX")
                .setUidValidity(1_700_000_000L)
                .setLastUid(4242L)
                .setUpdatedAt(T0)
                .setRecentFingerprints(List.of("mid:CAF=abc123@mail.gmail.com", "sha256:9f86d081"))
                .build();
    }

    public static Agent agent() {
        return Agent.newBuilder()
                .setId("amira")
                .setName("أميرة")
                .setEmail("amira@shop.example")
                .setRoutingGroup("default")
                .setTeams(List.of("billing"))
                .setIntents(List.of("refund", "payment"))
                .setChannels(List.of("email", "whatsapp"))
                .setProductAreas(List.of("electronics"))
                .setLanguages(List.of("ar", "en"))
                .setRoles(List.of("refund-approver"))
                .setCapacity(Capacity.newBuilder()
                        .setTotal(6)
                        .setPerChannelKind(Map.of("email", 5, "social", 2))
                        .build())
                .setTimeZone("Africa/Cairo")
                .setShifts(List.of(
                        new WeeklyPeriod(7, LocalTime.of(9, 0), LocalTime.of(17, 0)),
                        new WeeklyPeriod(4, LocalTime.of(22, 0), LocalTime.of(2, 0))))
                .setTimeOff(List.of(new TimeRange(T0.plusSeconds(86_400), T0.plusSeconds(2 * 86_400), "leave")))
                .setHolidayCalendar("egypt")
                .setHolidays(List.of("2026-12-25"))
                .setUpdatedAt(T0)
                .build();
    }

    public static AgentPresence presence() {
        return new AgentPresence("amira", PresenceStatus.ONLINE, T0, "helpdesk");
    }

    public static TicketSummary ticketSummary() {
        return TicketSummary.newBuilder()
                .setSubject("استرداد مبلغ الطلب ٤٥٦٧")
                .setChannel(Channel.EMAIL)
                .setConversationKey("email:support:CAF=abc123@mail.gmail.com")
                .setCustomer(CustomerIdentity.newBuilder()
                        .setAddress("layla@example.com")
                        .build())
                .setCustomerTier("vip")
                .setIntent(IntentDecision.newBuilder()
                        .setIntent("refund")
                        .setConfidence(0.92)
                        .setEvidence(List.of("استرداد"))
                        .setClassifier("rules@1")
                        .build())
                .setLanguage("ar")
                .setPriority(Priority.HIGH)
                .setPriorityScore(55)
                .setPriorityReasons(
                        List.of(new PriorityReason("refund intent", 20), new PriorityReason("VIP customer", 30)))
                .setTeam("billing")
                .setStatus(TicketStatus.OPEN)
                .setAssignee("amira")
                .setCreatedAt(T0)
                .setCustomerMessages(1)
                .setAmounts(List.of(new MoneyAmount("300", "SAR", "٣٠٠ ريال")))
                .setOrderNumbers(List.of("4567"))
                .setPreview("أريد استرداد ٣٠٠ ريال")
                .build();
    }

    public static TicketEvent ticketEvent() {
        return TicketEvent.newBuilder()
                .setEventId("SB-1042:1")
                .setTicketId("SB-1042")
                .setType(TicketEventType.CREATED)
                .setOrigin(EventOrigin.ROUTER)
                .setOccurredAt(T0)
                .setMessageId("CAF=abc123@mail.gmail.com")
                .setStatus(TicketStatus.NEW)
                .setTicket(ticketSummary())
                .setReasons(List.of("new conversation"))
                .setSourceReceivedAt(T0)
                .setAttributes(Map.of("partition", "0"))
                .build();
    }

    public static Assignment assignment() {
        return Assignment.newBuilder()
                .setTicketId("SB-1042")
                .setDecisionId("SB-1042:a1")
                .setAction(AssignmentAction.ASSIGNED)
                .setAgentId("amira")
                .setAgentName("أميرة")
                .setTeam("billing")
                .setPriority(Priority.HIGH)
                .setExplanation(
                        List.of("speaks ar", "refund-approver", "on shift until 17:00 Africa/Cairo", "load 2/6"))
                .setRulesApplied(List.of("refund-over-limit"))
                .setAgentsConsidered(4)
                .setNotEligible(List.of(new Ineligibility("off shift", List.of("omar", "sam"))))
                .setTicket(ticketSummary())
                .setDecidedAt(T0.plusMillis(35))
                .setSourceReceivedAt(T0)
                .build();
    }

    public static SlaAlert slaAlert() {
        return SlaAlert.newBuilder()
                .setAlertId("SB-1042:FIRST_REPLY:WARNING:1")
                .setTicketId("SB-1042")
                .setMetric(SlaMetric.FIRST_REPLY)
                .setLevel(SlaLevel.WARNING)
                .setPolicy("vip-email")
                .setCalendar("cairo-office")
                .setTargetMinutes(60)
                .setDueAt(T0.plusSeconds(3600))
                .setFiredAt(T0.plusSeconds(2700))
                .setAssignee("amira")
                .setTeam("billing")
                .setPriority(Priority.HIGH)
                .setChannel(Channel.EMAIL)
                .setNotes(List.of("75 % of 60 business minutes"))
                .build();
    }

    public static SlaStatus slaStatus() {
        return SlaStatus.newBuilder()
                .setTicketId("SB-1042")
                .setClocks(List.of(SlaClockStatus.newBuilder()
                        .setMetric(SlaMetric.FIRST_REPLY)
                        .setState(SlaClockState.RUNNING)
                        .setPolicy("vip-email")
                        .setTargetMinutes(60)
                        .setStartedAt(T0)
                        .setDueAt(T0.plusSeconds(3600))
                        .setRemainingMillis(900_000L)
                        .build()))
                .setUpdatedAt(T0.plusSeconds(2700))
                .build();
    }

    public static Customer customer() {
        return Customer.newBuilder()
                .setCustomerKey("layla@example.com")
                .setTier("vip")
                .setLifetimeValue("12500.00")
                .setCurrency("SAR")
                .setIdentities(List.of("whatsapp:966500000001"))
                .setPreferredLanguage("ar")
                .setUpdatedAt(T0)
                .build();
    }
}
