package dev.switchboard.router.topology;

import dev.switchboard.events.Customer;
import dev.switchboard.events.CustomerIdentity;
import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.IntentDecision;
import dev.switchboard.events.MessageKind;
import dev.switchboard.events.MoneyAmount;
import dev.switchboard.events.Priority;
import dev.switchboard.events.PriorityReason;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.events.TicketSummary;
import dev.switchboard.router.TicketRouter;
import dev.switchboard.router.config.Destination;
import dev.switchboard.router.config.DurationText;
import dev.switchboard.router.config.RoutingRules;
import dev.switchboard.router.priority.EscalationDecision;
import dev.switchboard.router.priority.EscalationInput;
import dev.switchboard.router.priority.EscalationPolicy;
import dev.switchboard.router.priority.PriorityInput;
import dev.switchboard.router.priority.PriorityPolicy;
import dev.switchboard.router.priority.PriorityScore;
import dev.switchboard.router.tickets.TicketIds;
import dev.switchboard.router.tickets.TicketLifecycle;
import dev.switchboard.router.tickets.TicketLifecycle.Action;
import dev.switchboard.router.tickets.TicketLifecycle.StatusAt;
import dev.switchboard.router.understanding.Analysis;
import dev.switchboard.router.understanding.MessageAnalyzer;
import dev.switchboard.router.understanding.Money;
import dev.switchboard.router.understanding.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second step, on the partition that owns the ticket: turns each message into ticket events.
 *
 * <ul>
 *   <li>A customer message opens a ticket, joins the open one, reopens a solved one within the
 *       reopen window, or opens a new ticket linked to one that is over ({@link TicketLifecycle}).
 *       It is analysed ({@link MessageAnalyzer}), scored ({@link PriorityPolicy}) and checked
 *       against the escalation rules ({@link EscalationPolicy}) every time.
 *   <li>Automated mail (auto-reply, out-of-office, list) becomes a note on an existing ticket and
 *       never opens one; a bounce marks the customer unreachable; an agent's echo on a social
 *       channel is an agent reply; a failed WhatsApp delivery marks the customer unreachable.
 *       Whatever finds no ticket is counted with its reason and dropped.
 * </ul>
 *
 * Ticket numbers come from this task's counter and carry its partition ({@link TicketIds}). What
 * the helpdesk said (replies, status) is read from the ticket index.
 */
public final class TicketProcessor implements Processor<String, InboundMessage, String, TicketEvent> {
    private static final Logger log = LoggerFactory.getLogger(TicketProcessor.class);
    private static final String COUNTER_KEY = "ticket-counter";
    private static final int PREVIEW_LENGTH = 160;

    private final RoutingRules rules;
    private final MessageAnalyzer analyzer;
    private final PriorityPolicy priority;
    private final EscalationPolicy escalation;
    private final RouterMetrics metrics;

    private ProcessorContext<String, TicketEvent> context;
    private KeyValueStore<String, TicketState> tickets;
    private KeyValueStore<String, String> conversations;
    private KeyValueStore<String, Long> counter;
    private int shard;

    public TicketProcessor(RoutingRules rules, MessageAnalyzer analyzer, RouterMetrics metrics) {
        this.rules = rules;
        this.analyzer = analyzer;
        this.priority = new PriorityPolicy(rules.priority());
        this.escalation = new EscalationPolicy(rules.escalation());
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, TicketEvent> context) {
        this.context = context;
        this.tickets = context.getStateStore(TicketRouter.TICKETS_STORE);
        this.conversations = context.getStateStore(TicketRouter.CONVERSATIONS_STORE);
        this.counter = context.getStateStore(TicketRouter.COUNTER_STORE);
        this.shard = context.taskId().partition();
    }

    @Override
    public void process(Record<String, InboundMessage> record) {
        InboundMessage message = record.value();
        if (message == null) {
            return;
        }
        Optional<TicketState> ticket = findTicket(record.key(), message);
        Flags flags = Flags.of(message);
        if (message.getKind() == MessageKind.AGENT_ECHO) {
            agentEcho(record, ticket);
        } else if (message.getKind() == MessageKind.DELIVERY_STATUS) {
            deliveryStatus(record, ticket);
        } else if (message.getKind() != MessageKind.CUSTOMER_MESSAGE) {
            metrics.dropped(log, "unknown-kind", message.getSourceMessageId(), message.getConversationKey());
        } else if (flags.bounce()) {
            bounce(record, ticket);
        } else if (flags.automated().isPresent()) {
            automated(record, ticket, flags.automated().get());
        } else {
            customerMessage(record, ticket);
        }
    }

    // ------------------------------------------------------------------ customer messages

    private void customerMessage(Record<String, InboundMessage> record, Optional<TicketState> found) {
        InboundMessage message = record.value();
        Instant at = Instant.ofEpochMilli(record.timestamp());
        Optional<TicketState> ticket = found;
        List<String> notes = new ArrayList<>();
        Optional<String> linkTo = Optional.empty();
        Optional<String> named = Optional.ofNullable(message.getMetadata().get(MessageResolver.NAMED_TICKET));
        if (ticket.isPresent() && viaSubjectToken(message) && !sameCustomer(ticket.get(), message)) {
            // A ticket token is no proof of identity: someone else's message never joins the ticket.
            named = Optional.of(ticket.get().ticketId());
            ticket = Optional.empty();
        }
        if (ticket.isEmpty() && named.isPresent()) {
            notes.add("names " + named.get() + " in the subject but is not from that ticket's customer");
            linkTo = named;
        }
        HelpdeskFacts facts = ticket.map(t -> facts(t.ticketId())).orElse(HelpdeskFacts.NONE);
        Action action = linkTo.isPresent()
                ? Action.CREATE_LINKED
                : TicketLifecycle.onCustomerMessage(
                        ticket.map(TicketProcessor::routerStatus),
                        helpdeskStatus(facts),
                        at,
                        rules.windows().reopen());
        if (action == Action.CREATE_LINKED && linkTo.isEmpty()) {
            TicketState old = ticket.orElseThrow();
            linkTo = Optional.of(facts.mergedInto().orElse(old.ticketId()));
            notes.add("follows up " + old.ticketId() + ", which is "
                    + effective(old, facts).name().toLowerCase(Locale.ROOT)
                    + (facts.mergedInto().isPresent()
                            ? " into " + facts.mergedInto().get()
                            : "")
                    + " (reopen window " + DurationText.of(rules.windows().reopen()) + ")");
        }
        Analysis analysis = analyze(message);
        Optional<String> tier =
                customerTier(message.getCustomer(), message.getChannel().name());
        switch (action) {
            case CREATE, CREATE_LINKED -> create(record, analysis, tier, linkTo, notes);
            case JOIN, REOPEN -> join(record, ticket.orElseThrow(), facts, analysis, tier, action == Action.REOPEN);
        }
    }

    private void create(
            Record<String, InboundMessage> record,
            Analysis analysis,
            Optional<String> tier,
            Optional<String> linkTo,
            List<String> notes) {
        InboundMessage message = record.value();
        long at = record.timestamp();
        String ticketId = nextTicketId();
        Set<String> signals = signalNames(analysis.signals());
        List<Long> times = List.of(at);
        PriorityScore score = priority.score(priorityInput(analysis.intent().intent(), signals, tier, 1));
        Destination destination =
                rules.routing().destinationOf(analysis.intent().intent());
        TicketSummary summary = TicketSummary.newBuilder()
                .setSubject(message.getSubject())
                .setChannel(message.getChannel())
                .setConversationKey(message.getConversationKey())
                .setCustomer(message.getCustomer())
                .setCustomerTier(tier.orElse(null))
                .setIntent(intentDecision(analysis))
                .setLanguage(analysis.language().language())
                .setPriority(Priority.valueOf(score.level().name()))
                .setPriorityScore(score.score())
                .setPriorityReasons(priorityReasons(score))
                .setRoutingGroup(destination.routingGroup())
                .setTeam(destination.team())
                .setStatus(TicketStatus.NEW)
                .setCreatedAt(Instant.ofEpochMilli(at))
                .setCustomerMessages(1)
                .setAmounts(amounts(analysis.amounts()))
                .setOrderNumbers(analysis.orderNumbers())
                .setLinkedTicketId(linkTo.orElse(null))
                .setPreview(preview(message.getBodyText()))
                .build();
        TicketState state = new TicketState(ticketId, summary, at, 0, times, 0, signals, -1, Set.of());
        List<String> reasons = new ArrayList<>(notes);
        if (reasons.isEmpty()) {
            reasons.add("new conversation " + message.getConversationKey());
        }
        reasons.addAll(understanding(analysis));
        // A new ticket is escalated from its first event on, so assignment never gives it to
        // someone without the role first; ESCALATED follows with the rule.
        Optional<EscalationDecision> escalation = escalationOf(state, message, analysis, tier);
        Emitter out =
                new Emitter(record, escalation.map(d -> escalated(state, d)).orElse(state));
        out.emit(TicketEventType.CREATED, message.getSourceMessageId(), TicketStatus.NEW, reasons, Map.of());
        escalation.ifPresent(d -> emitEscalated(out, d));
        tickets.put(ticketId, out.state());
        conversations.put(message.getConversationKey(), ticketId);
    }

    private void join(
            Record<String, InboundMessage> record,
            TicketState ticket,
            HelpdeskFacts facts,
            Analysis analysis,
            Optional<String> tier,
            boolean reopen) {
        InboundMessage message = record.value();
        long at = record.timestamp();
        TicketSummary before = ticket.summary();
        long waitingSince = Math.max(
                Math.max(ticket.lastAgentReplyAt(), facts.lastAgentReplyAt()),
                at - rules.windows().followUp().toMillis());
        List<Long> times = Stream.concat(ticket.customerMessageTimes().stream(), Stream.of(at))
                .filter(t -> t > waitingSince || t == at)
                .sorted()
                .toList();
        Set<String> signals = new LinkedHashSet<>(ticket.signals());
        signals.addAll(signalNames(analysis.signals()));
        // A follow-up rarely restates the request ("any news?"): the first clear intent stays.
        boolean newIntent = before.getIntent().getIntent().equals("other")
                && !analysis.intent().intent().equals("other");
        String intent =
                newIntent ? analysis.intent().intent() : before.getIntent().getIntent();
        Optional<String> knownTier = tier.or(() -> Optional.ofNullable(before.getCustomerTier()));
        PriorityScore score = priority.score(priorityInput(intent, signals, knownTier, times.size()));
        // An SLA breach may have raised the priority: a calmer message does not lower it again.
        AssignmentFacts assigned = TicketIndex.assignment(TicketIndex.store(context), ticket.ticketId());
        Priority level = assigned.atLeastFloor(Priority.valueOf(score.level().name()));
        Priority levelBefore = assigned.atLeastFloor(before.getPriority());
        Destination destination = rules.routing().destinationOf(intent);
        TicketStatus status =
                reopen || effective(ticket, facts) != TicketStatus.NEW ? TicketStatus.OPEN : TicketStatus.NEW;
        TicketSummary.Builder summary = TicketSummary.newBuilder(before)
                .setCustomerTier(knownTier.orElse(null))
                .setPriority(level)
                .setPriorityScore(score.score())
                .setPriorityReasons(priorityReasons(score))
                .setStatus(status)
                .setCustomerMessages(before.getCustomerMessages() + 1)
                .setAmounts(union(before.getAmounts(), amounts(analysis.amounts())))
                .setOrderNumbers(union(before.getOrderNumbers(), analysis.orderNumbers()))
                .setPreview(preview(message.getBodyText()));
        if (newIntent) {
            summary.setIntent(intentDecision(analysis))
                    .setRoutingGroup(destination.routingGroup())
                    .setTeam(destination.team());
        }
        if (before.getLanguage() == null) {
            summary.setLanguage(analysis.language().language());
        }
        TicketState state = new TicketState(
                ticket.ticketId(),
                summary.build(),
                // A customer message makes the ticket open now: newer than any earlier helpdesk status.
                status == TicketStatus.OPEN ? at : ticket.statusAt(),
                ticket.eventSeq(),
                times,
                ticket.lastAgentReplyAt(),
                signals,
                ticket.escalationPrecedence(),
                ticket.unreachable());
        List<String> reasons = new ArrayList<>();
        via(message).ifPresent(v -> reasons.add("joined by " + v));
        reasons.addAll(understanding(analysis));
        Emitter out = new Emitter(record, state);
        if (reopen) {
            reasons.add(
                    0,
                    "customer wrote " + DurationText.of(java.time.Duration.ofMillis(at - facts.statusAt()))
                            + " after it was solved (reopen window "
                            + DurationText.of(rules.windows().reopen()) + ")");
            out.emit(TicketEventType.REOPENED, message.getSourceMessageId(), TicketStatus.OPEN, reasons, Map.of());
        } else {
            out.emit(TicketEventType.CUSTOMER_MESSAGE, message.getSourceMessageId(), null, reasons, Map.of());
        }
        if (level != levelBefore) {
            List<String> why = new ArrayList<>();
            why.add(levelBefore + " -> " + level + " (score " + before.getPriorityScore() + " -> " + score.score()
                    + ")");
            score.reasons().forEach(r -> why.add(r.toString()));
            out.emit(TicketEventType.PRIORITY_CHANGED, message.getSourceMessageId(), null, why, Map.of());
        }
        escalate(out, analysis, knownTier);
        tickets.put(ticket.ticketId(), out.state());
        conversations.put(message.getConversationKey(), ticket.ticketId());
    }

    private void escalate(Emitter out, Analysis analysis, Optional<String> tier) {
        escalationOf(out.state(), out.record().value(), analysis, tier).ifPresent(d -> {
            out.update(escalated(out.state(), d));
            emitEscalated(out, d);
        });
    }

    /** The escalation rule this message makes fire, unless one written earlier already did. */
    private Optional<EscalationDecision> escalationOf(
            TicketState state, InboundMessage message, Analysis analysis, Optional<String> tier) {
        String text =
                Optional.ofNullable(message.getSubject()).map(s -> s + "\n").orElse("") + message.getBodyText();
        Optional<EscalationDecision> decision = escalation.evaluate(new EscalationInput(
                state.summary().getIntent().getIntent(),
                List.copyOf(state.signals()),
                analysis.amounts(),
                tier,
                text,
                analysis.language().language()));
        if (decision.isEmpty()
                || (state.escalationPrecedence() >= 0 && decision.get().precedence() >= state.escalationPrecedence())) {
            return Optional.empty();
        }
        return decision;
    }

    private static TicketState escalated(TicketState state, EscalationDecision d) {
        TicketSummary summary = TicketSummary.newBuilder(state.summary())
                .setEscalation(dev.switchboard.events.Escalation.newBuilder()
                        .setRule(d.rule())
                        .setRequiredRole(d.requiredRole().orElse(null))
                        .setDetail(d.detail())
                        .build())
                .build();
        return withSummary(state, summary, d.precedence());
    }

    private void emitEscalated(Emitter out, EscalationDecision d) {
        List<String> reasons = new ArrayList<>();
        reasons.add("rule " + d.rule()
                + d.requiredRole().map(r -> " requires role " + r).orElse("") + ": " + d.detail());
        out.emit(TicketEventType.ESCALATED, out.record().value().getSourceMessageId(), null, reasons, Map.of());
    }

    // ------------------------------------------------------------------ other kinds of messages

    private void automated(Record<String, InboundMessage> record, Optional<TicketState> ticket, String kind) {
        InboundMessage message = record.value();
        if (ticket.isEmpty()) {
            metrics.dropped(log, kind + "-without-ticket", message.getSourceMessageId(), message.getConversationKey());
            return;
        }
        Emitter out = new Emitter(record, ticket.get());
        out.emit(
                TicketEventType.NOTE_ADDED,
                message.getSourceMessageId(),
                null,
                List.of(kind + " attached as a note"),
                Map.of("note", kind));
        tickets.put(ticket.get().ticketId(), out.state());
    }

    private void bounce(Record<String, InboundMessage> record, Optional<TicketState> ticket) {
        InboundMessage message = record.value();
        if (ticket.isEmpty()) {
            metrics.dropped(log, "bounce-without-ticket", message.getSourceMessageId(), message.getConversationKey());
            return;
        }
        var info = Optional.ofNullable(message.getBounce());
        String address = info.map(b -> b.getFailedRecipient())
                .or(() ->
                        Optional.ofNullable(ticket.get().summary().getCustomer().getAddress()))
                .orElse("");
        String status = info.map(b -> b.getStatus()).orElse("");
        unreachable(
                record,
                ticket.get(),
                address,
                status,
                "bounce" + info.map(b -> b.getDiagnostic()).map(d -> ": " + d).orElse(""));
    }

    private void deliveryStatus(Record<String, InboundMessage> record, Optional<TicketState> ticket) {
        InboundMessage message = record.value();
        String status = message.getMetadata().getOrDefault("status", "");
        if (!status.equalsIgnoreCase("failed")) {
            // Sent, delivered and read receipts change nothing a person acts on.
            metrics.dropped(
                    log,
                    "delivery-status-" + (status.isEmpty() ? "unknown" : status.toLowerCase(Locale.ROOT)),
                    message.getSourceMessageId(),
                    message.getConversationKey());
            return;
        }
        if (ticket.isEmpty()) {
            metrics.dropped(
                    log, "delivery-failure-without-ticket", message.getSourceMessageId(), message.getConversationKey());
            return;
        }
        CustomerIdentity customer = message.getCustomer();
        String address = Stream.of(customer.getPhone(), customer.getHandle())
                .filter(Objects::nonNull)
                .findFirst()
                .orElse("");
        unreachable(record, ticket.get(), address, "failed", "delivery failed on " + message.getChannel());
    }

    private void unreachable(
            Record<String, InboundMessage> record, TicketState ticket, String address, String status, String why) {
        Set<String> unreachable = new LinkedHashSet<>(ticket.unreachable());
        unreachable.add(address);
        TicketState state = new TicketState(
                ticket.ticketId(),
                ticket.summary(),
                ticket.statusAt(),
                ticket.eventSeq(),
                ticket.customerMessageTimes(),
                ticket.lastAgentReplyAt(),
                ticket.signals(),
                ticket.escalationPrecedence(),
                unreachable);
        Emitter out = new Emitter(record, state);
        out.emit(
                TicketEventType.CUSTOMER_UNREACHABLE,
                record.value().getSourceMessageId(),
                null,
                List.of(why),
                Map.of("address", address, "status", status));
        tickets.put(ticket.ticketId(), out.state());
    }

    private void agentEcho(Record<String, InboundMessage> record, Optional<TicketState> ticket) {
        InboundMessage message = record.value();
        if (ticket.isEmpty()
                || !TicketLifecycle.isOpen(
                        effective(ticket.get(), facts(ticket.get().ticketId())))) {
            metrics.dropped(
                    log, "echo-without-open-ticket", message.getSourceMessageId(), message.getConversationKey());
            return;
        }
        TicketState t = ticket.get();
        TicketState state = new TicketState(
                t.ticketId(),
                t.summary(),
                t.statusAt(),
                t.eventSeq(),
                List.of(),
                record.timestamp(),
                t.signals(),
                t.escalationPrecedence(),
                t.unreachable());
        Emitter out = new Emitter(record, state);
        out.emitFrom(
                EventOrigin.SOCIAL_ECHO,
                TicketEventType.AGENT_REPLIED,
                message.getSourceMessageId(),
                null,
                List.of("the business replied on " + message.getChannel()),
                Map.of());
        tickets.put(t.ticketId(), out.state());
    }

    // ------------------------------------------------------------------ lookups

    private Optional<TicketState> findTicket(String key, InboundMessage message) {
        if (TicketIds.isTicketId(key)) {
            TicketState named = tickets.get(key);
            if (named != null) {
                return Optional.of(named);
            }
            log.debug("Ticket {} named by message {} is not known here", key, message.getSourceMessageId());
        }
        return Optional.ofNullable(conversations.get(message.getConversationKey()))
                .map(tickets::get);
    }

    private HelpdeskFacts facts(String ticketId) {
        return TicketIndex.facts(TicketIndex.store(context), ticketId);
    }

    private Optional<String> customerTier(CustomerIdentity who, String channel) {
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<Customer>> customers =
                context.getStateStore(TicketRouter.CUSTOMERS_STORE);
        List<String> keys = new ArrayList<>();
        Optional.ofNullable(who.getAddress())
                .map(a -> a.toLowerCase(Locale.ROOT))
                .ifPresent(keys::add);
        Optional.ofNullable(who.getHandle()).ifPresent(h -> keys.add(channel.toLowerCase(Locale.ROOT) + ":" + h));
        Optional.ofNullable(who.getPhone()).ifPresent(keys::add);
        for (String key : keys) {
            ValueAndTimestamp<Customer> customer = customers.get(key);
            if (customer != null && customer.value() != null && customer.value().getTier() != null) {
                return Optional.of(customer.value().getTier().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    private String nextTicketId() {
        Long last = counter.get(COUNTER_KEY);
        long next = last == null ? 1 : last + 1;
        counter.put(COUNTER_KEY, next);
        return TicketIds.id(next, shard);
    }

    // ------------------------------------------------------------------ helpers

    private Analysis analyze(InboundMessage message) {
        return analyzer.analyze(
                Optional.ofNullable(message.getSubject()),
                message.getBodyText().isBlank() ? message.getFullText() : message.getBodyText(),
                Optional.ofNullable(message.getLanguage()),
                message.getChannel().name().toLowerCase(Locale.ROOT));
    }

    private PriorityInput priorityInput(String intent, Set<String> signals, Optional<String> tier, int messages) {
        return new PriorityInput(
                intent,
                List.copyOf(signals),
                tier,
                messages,
                DurationText.of(rules.windows().followUp()));
    }

    private static List<String> understanding(Analysis analysis) {
        List<String> lines = new ArrayList<>();
        var intent = analysis.intent();
        lines.add("intent " + intent.intent() + " (" + intent.confidence() + ", " + intent.classifier() + ")"
                + (intent.evidence().isEmpty() ? "" : ": " + String.join(", ", intent.evidence())));
        var language = analysis.language();
        lines.add("language " + language.language() + " (" + language.method() + " " + language.confidence() + ")");
        for (Signal s : analysis.signals()) {
            lines.add("signal " + s.name() + ": " + String.join(", ", s.evidence()));
        }
        for (Money m : analysis.amounts()) {
            lines.add("amount " + m.amount().toPlainString() + " " + m.currency() + " from \"" + m.evidence() + "\"");
        }
        return lines;
    }

    private static IntentDecision intentDecision(Analysis analysis) {
        return IntentDecision.newBuilder()
                .setIntent(analysis.intent().intent())
                .setConfidence(analysis.intent().confidence())
                .setEvidence(analysis.intent().evidence())
                .setClassifier(analysis.intent().classifier())
                .build();
    }

    private static List<PriorityReason> priorityReasons(PriorityScore score) {
        return score.reasons().stream()
                .map(r -> new PriorityReason(r.label(), r.points()))
                .toList();
    }

    private static List<MoneyAmount> amounts(List<Money> amounts) {
        return amounts.stream()
                .map(m -> new MoneyAmount(m.amount().toPlainString(), m.currency(), m.evidence()))
                .toList();
    }

    private static <T> List<T> union(List<T> a, List<T> b) {
        LinkedHashSet<T> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static Set<String> signalNames(List<Signal> signals) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        signals.forEach(s -> names.add(s.name()));
        return names;
    }

    static String preview(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return flat.length() <= PREVIEW_LENGTH ? flat : flat.substring(0, PREVIEW_LENGTH - 1) + "…";
    }

    private static StatusAt routerStatus(TicketState t) {
        return new StatusAt(t.summary().getStatus(), Instant.ofEpochMilli(t.statusAt()));
    }

    private static Optional<StatusAt> helpdeskStatus(HelpdeskFacts facts) {
        return facts.status().map(s -> new StatusAt(s, Instant.ofEpochMilli(facts.statusAt())));
    }

    private static TicketStatus effective(TicketState t, HelpdeskFacts facts) {
        return TicketLifecycle.effectiveStatus(routerStatus(t), helpdeskStatus(facts));
    }

    private static boolean viaSubjectToken(InboundMessage message) {
        return MessageResolver.VIA_SUBJECT.equals(message.getMetadata().get(MessageResolver.RESOLVED_BY));
    }

    private static Optional<String> via(InboundMessage message) {
        return Optional.ofNullable(message.getMetadata().get(MessageResolver.RESOLVED_BY));
    }

    private static boolean sameCustomer(TicketState ticket, InboundMessage message) {
        CustomerIdentity a = ticket.summary().getCustomer();
        CustomerIdentity b = message.getCustomer();
        return equalsIgnoreCase(a.getAddress(), b.getAddress())
                || equalsIgnoreCase(a.getHandle(), b.getHandle())
                || equalsIgnoreCase(a.getPhone(), b.getPhone());
    }

    private static boolean equalsIgnoreCase(String a, String b) {
        return a != null && b != null && a.equalsIgnoreCase(b);
    }

    private static TicketState withSummary(TicketState s, TicketSummary summary, int precedence) {
        return new TicketState(
                s.ticketId(),
                summary,
                s.statusAt(),
                s.eventSeq(),
                s.customerMessageTimes(),
                s.lastAgentReplyAt(),
                s.signals(),
                precedence,
                s.unreachable());
    }

    /** Automated mail as the flags say it: a bounce, or the kind of automated mail it is. */
    private record Flags(boolean bounce, Optional<String> automated) {
        static Flags of(InboundMessage message) {
            var flags = message.getFlags();
            boolean bounce = flags.getBounce() || message.getBounce() != null;
            Optional<String> automated = flags.getAutoReply()
                    ? Optional.of("auto-reply")
                    : flags.getMailingList() ? Optional.of("mailing-list") : Optional.empty();
            return new Flags(bounce, automated);
        }
    }

    /** Writes the events of one message, numbering them from the ticket's event sequence. */
    private final class Emitter {
        private final Record<String, InboundMessage> record;
        private TicketState state;

        Emitter(Record<String, InboundMessage> record, TicketState state) {
            this.record = record;
            this.state = state;
        }

        TicketState state() {
            return state;
        }

        Record<String, InboundMessage> record() {
            return record;
        }

        void update(TicketState newState) {
            state = newState;
        }

        void emit(
                TicketEventType type,
                String messageId,
                TicketStatus status,
                List<String> reasons,
                Map<String, String> attributes) {
            emitFrom(EventOrigin.ROUTER, type, messageId, status, reasons, attributes);
        }

        void emitFrom(
                EventOrigin origin,
                TicketEventType type,
                String messageId,
                TicketStatus status,
                List<String> reasons,
                Map<String, String> attributes) {
            long seq = state.eventSeq() + 1;
            // Assignment's decisions (assignee, an SLA-raised priority) ride on every summary written.
            AssignmentFacts assigned = TicketIndex.assignment(TicketIndex.store(context), state.ticketId());
            TicketSummary summary = TicketSummary.newBuilder(state.summary())
                    .setAssignee(assigned.assignee().orElse(null))
                    .setPriority(assigned.atLeastFloor(state.summary().getPriority()))
                    .build();
            state = new TicketState(
                    state.ticketId(),
                    state.summary(),
                    state.statusAt(),
                    seq,
                    state.customerMessageTimes(),
                    state.lastAgentReplyAt(),
                    state.signals(),
                    state.escalationPrecedence(),
                    state.unreachable());
            TicketEvent event = TicketEvent.newBuilder()
                    .setEventId(state.ticketId() + ":" + seq)
                    .setTicketId(state.ticketId())
                    .setType(type)
                    .setOrigin(origin)
                    .setOccurredAt(Instant.ofEpochMilli(record.timestamp()))
                    .setMessageId(messageId)
                    .setStatus(status)
                    .setPublicReply(true)
                    .setTicket(summary)
                    .setReasons(reasons)
                    .setSourceReceivedAt(record.value().getReceivedAt())
                    .setAttributes(attributes)
                    .build();
            metrics.event(type.name());
            context.forward(new Record<>(state.ticketId(), event, record.timestamp()));
        }
    }
}
