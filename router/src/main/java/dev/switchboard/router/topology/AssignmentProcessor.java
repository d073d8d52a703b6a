package dev.switchboard.router.topology;

import dev.switchboard.events.Agent;
import dev.switchboard.events.AgentPresence;
import dev.switchboard.events.Assignment;
import dev.switchboard.events.AssignmentAction;
import dev.switchboard.events.SlaStatus;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.router.TicketAssigner;
import dev.switchboard.router.assignment.AssignmentEngine;
import dev.switchboard.router.assignment.AssignmentState;
import dev.switchboard.router.assignment.Decisions;
import dev.switchboard.router.config.AssignmentSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Assignment, on the partition that owns the routing group: ticket events, SLA statuses, agents and
 * presence of the group go to the {@link AssignmentEngine} over this task's stores; its decisions
 * ({@link Assignment}s and {@link TicketEvent}s, keyed by ticket) go downstream. A wall-clock
 * punctuator every {@code check-every} lets the engine act on shifts starting and ending and on
 * reply deadlines even when nothing arrives. Decisions are made at the wall-clock time.
 */
public final class AssignmentProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AssignmentProcessor.class);
    private final AssignmentSettings settings;
    private final Duration retainSolved;
    private final RouterMetrics metrics;
    private ProcessorContext<String, SpecificRecord> context;
    private AssignmentEngine engine;
    /** The routing groups this task has seen; each lives in exactly one task. */
    private final Set<String> groups = new TreeSet<>();

    private Instant nextReport = Instant.EPOCH;
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    public AssignmentProcessor(AssignmentSettings settings, Duration retainSolved, RouterMetrics metrics) {
        this.settings = settings;
        this.retainSolved = retainSolved;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        AssignmentState state = new AssignmentState(
                new StoreKv<>(context.getStateStore(TicketAssigner.AGENTS_STORE)),
                new StoreKv<>(context.getStateStore(TicketAssigner.TICKETS_STORE)),
                new StoreKv<>(context.getStateStore(TicketAssigner.QUEUE_STORE)),
                new StoreKv<>(context.getStateStore(TicketAssigner.BUCKETS_STORE)),
                new StoreKv<>(context.getStateStore(TicketAssigner.CUSTOMERS_STORE)),
                new StoreKv<>(context.getStateStore(TicketAssigner.WAKEUPS_STORE)));
        this.engine = new AssignmentEngine(settings, retainSolved, state, new Forward());
        context.schedule(settings.checkEvery(), PunctuationType.WALL_CLOCK_TIME, at -> {
            engine.check(Instant.ofEpochMilli(at));
            report(Instant.ofEpochMilli(at));
        });
    }

    /** Publishes each group's queue and agents to the metrics, at most every {@link #REPORT_EVERY}. */
    private void report(Instant now) {
        if (now.isBefore(nextReport)) {
            return;
        }
        nextReport = now.plus(REPORT_EVERY);
        for (String group : groups) {
            AssignmentEngine.GroupSnapshot s = engine.snapshot(group, now);
            metrics.group(group, s.waiting(), s.oldestWait(), s.agentsOnline(), s.agentsOnShift());
        }
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String group = record.key();
        if (group != null) {
            groups.add(group);
        }
        SpecificRecord value = record.value();
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (group == null || value == null) {
            return;
        }
        if (value instanceof TicketEvent e) {
            engine.ticketEvent(group, e, now);
        } else if (value instanceof SlaStatus s) {
            engine.slaStatus(group, s, now);
        } else if (value instanceof Agent a) {
            engine.agent(group, a, now);
        } else if (value instanceof AgentPresence p) {
            engine.presence(group, p, now);
        }
    }

    /** Decisions leave keyed by ticket, stamped with the wall-clock time they were made. */
    private final class Forward implements Decisions {
        @Override
        public void assignment(Assignment a) {
            metrics.decision(a.getAction().name().toLowerCase(java.util.Locale.ROOT));
            if (a.getAction() == AssignmentAction.ASSIGNED && a.getSourceReceivedAt() != null) {
                metrics.assignedAfter(Duration.between(a.getSourceReceivedAt(), a.getDecidedAt()));
            }
            log.debug("{} {} {} in {}", a.getTicketId(), a.getAction(), a.getAgentId(), a.getRoutingGroup());
            context.forward(new Record<>(a.getTicketId(), a, a.getDecidedAt().toEpochMilli()));
        }

        @Override
        public void event(TicketEvent e) {
            context.forward(new Record<>(e.getTicketId(), e, e.getOccurredAt().toEpochMilli()));
        }
    }
}
