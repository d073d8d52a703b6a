package dev.switchboard.schemas;

import dev.switchboard.events.Agent;
import dev.switchboard.events.AgentPresence;
import dev.switchboard.events.Assignment;
import dev.switchboard.events.Customer;
import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.MailboxCheckpoint;
import dev.switchboard.events.SlaAlert;
import dev.switchboard.events.SlaStatus;
import dev.switchboard.events.TicketEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every Switchboard topic, declared once: name, serdes and settings.
 *
 * <p>A deployment may put a prefix in front of every name ({@code topic-prefix} in the service
 * configuration), so several shops, or several test classes sharing one broker, use one cluster
 * without seeing each other's records. {@link #DEFAULT} has no prefix.
 */
public final class Topics {
    public static final Serde<String> KEYS = Serdes.String();
    public static final AvroSerde<InboundMessage> INBOUND_MESSAGE_SERDE = AvroSerde.of(InboundMessage.class);
    public static final AvroSerde<DeadLetter> DEAD_LETTER_SERDE = AvroSerde.of(DeadLetter.class);
    public static final AvroSerde<MailboxCheckpoint> CHECKPOINT_SERDE = AvroSerde.of(MailboxCheckpoint.class);
    public static final AvroSerde<Agent> AGENT_SERDE = AvroSerde.of(Agent.class);
    public static final AvroSerde<AgentPresence> PRESENCE_SERDE = AvroSerde.of(AgentPresence.class);
    public static final AvroSerde<TicketEvent> TICKET_EVENT_SERDE = AvroSerde.of(TicketEvent.class);
    public static final AvroSerde<Assignment> ASSIGNMENT_SERDE = AvroSerde.of(Assignment.class);
    public static final AvroSerde<SlaAlert> SLA_ALERT_SERDE = AvroSerde.of(SlaAlert.class);
    public static final AvroSerde<SlaStatus> SLA_STATUS_SERDE = AvroSerde.of(SlaStatus.class);
    public static final AvroSerde<Customer> CUSTOMER_SERDE = AvroSerde.of(Customer.class);

    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    public static final Topics DEFAULT = withPrefix("");

    private final String prefix;
    private final Topic<String, InboundMessage> inboundMessages;
    private final Topic<String, DeadLetter> deadLetter;
    private final Topic<String, MailboxCheckpoint> checkpoints;
    private final Topic<String, Agent> agents;
    private final Topic<String, AgentPresence> agentPresence;
    private final Topic<String, TicketEvent> ticketEvents;
    private final Topic<String, Assignment> assignments;
    private final Topic<String, SlaAlert> slaAlerts;
    private final Topic<String, SlaStatus> slaStatus;
    private final Topic<String, Customer> customers;

    private Topics(String prefix) {
        this.prefix = prefix;
        inboundMessages = topic("support.inbound.messages", INBOUND_MESSAGE_SERDE, TopicSpec.deleting(3, WEEK));
        deadLetter = topic("support.inbound.dead-letter", DEAD_LETTER_SERDE, TopicSpec.deleting(1, MONTH));
        checkpoints = topic("support.ingest.checkpoints", CHECKPOINT_SERDE, TopicSpec.compacted(1));
        agents = topic("support.agents", AGENT_SERDE, TopicSpec.compacted(1));
        // Only an agent's latest presence matters, so the topic is compacted.
        agentPresence = topic("support.agent-presence", PRESENCE_SERDE, TopicSpec.compacted(1));
        ticketEvents = topic("support.tickets.events", TICKET_EVENT_SERDE, TopicSpec.deleting(3, MONTH));
        assignments = topic("support.tickets.assignments", ASSIGNMENT_SERDE, TopicSpec.deleting(3, MONTH));
        slaAlerts = topic("support.sla.alerts", SLA_ALERT_SERDE, TopicSpec.deleting(3, MONTH));
        slaStatus = topic("support.sla.status", SLA_STATUS_SERDE, TopicSpec.compacted(3));
        customers = topic("support.customers", CUSTOMER_SERDE, TopicSpec.compacted(3));
    }

    /** The topics under a name prefix, e.g. {@code "shop-a."}; empty for the default names. */
    public static Topics withPrefix(String prefix) {
        return new Topics(prefix == null ? "" : prefix);
    }

    private <V> Topic<String, V> topic(String name, Serde<V> values, TopicSpec spec) {
        return new Topic<>(prefix + name, KEYS, values, spec);
    }

    public String prefix() {
        return prefix;
    }

    public Topic<String, InboundMessage> inboundMessages() {
        return inboundMessages;
    }

    public Topic<String, DeadLetter> deadLetter() {
        return deadLetter;
    }

    public Topic<String, MailboxCheckpoint> checkpoints() {
        return checkpoints;
    }

    public Topic<String, Agent> agents() {
        return agents;
    }

    public Topic<String, AgentPresence> agentPresence() {
        return agentPresence;
    }

    public Topic<String, TicketEvent> ticketEvents() {
        return ticketEvents;
    }

    public Topic<String, Assignment> assignments() {
        return assignments;
    }

    public Topic<String, SlaAlert> slaAlerts() {
        return slaAlerts;
    }

    public Topic<String, SlaStatus> slaStatus() {
        return slaStatus;
    }

    public Topic<String, Customer> customers() {
        return customers;
    }

    public List<Topic<String, ?>> all() {
        return List.of(
                inboundMessages,
                deadLetter,
                checkpoints,
                agents,
                agentPresence,
                ticketEvents,
                assignments,
                slaAlerts,
                slaStatus,
                customers);
    }

    /** The topic with this full name (prefix included), if it is one of ours. */
    public Optional<Topic<String, ?>> byName(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
