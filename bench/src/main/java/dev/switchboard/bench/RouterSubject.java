package dev.switchboard.bench;

import dev.switchboard.events.Assignment;
import dev.switchboard.events.AssignmentAction;
import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.router.TicketRouter;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.router.understanding.MessageAnalyzer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The router service (ticket router and assigner) and watchers on what it writes. A message is
 * handled when the router wrote its ticket event and, if it opened a ticket, assignment decided
 * (assigned or queued). Latency: the customer message's receipt to its ticket's first assignment
 * record, the "ingest event timestamp → assignment record"; the first hop (receipt to
 * ticket event) is kept apart.
 */
final class RouterSubject implements Subject {
    private final RouterConfig config;
    private final TicketRouter router;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // Counts and a bit set rather than sets of ids, so the benchmark's own bookkeeping does not
    // show up in the router's heap per open ticket. Nobody answers during a run, so no queued
    // ticket is ever drained and each new ticket gets exactly one first decision.
    private final MessageIds messages = new MessageIds();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong decided = new AtomicLong();
    private TopicWatcher<TicketEvent> events;
    private TopicWatcher<Assignment> assignments;

    RouterSubject(RouterConfig config, MessageAnalyzer analyzer) {
        this.config = config;
        this.router = new TicketRouter(config, registry, analyzer);
    }

    @Override
    public String name() {
        return "router";
    }

    @Override
    public void start() {
        var topics = config.kafka().topics();
        events = TopicWatcher.of(config.kafka(), topics.ticketEvents(), (key, e) -> {
            if (e.getOrigin() != EventOrigin.ROUTER || e.getMessageId() == null) {
                return Optional.empty();
            }
            if (e.getType() == TicketEventType.CREATED) {
                created.incrementAndGet();
            }
            boolean first = messages.add(e.getMessageId());
            return first ? Optional.ofNullable(e.getSourceReceivedAt()) : Optional.<Instant>empty();
        });
        assignments = TopicWatcher.of(config.kafka(), topics.assignments(), (key, a) -> {
            boolean first = a.getAction() == AssignmentAction.QUEUED
                    || (a.getAction() == AssignmentAction.ASSIGNED && a.getPreviousAgentId() == null);
            if (!first) {
                return Optional.<Instant>empty();
            }
            decided.incrementAndGet();
            return Optional.ofNullable(a.getSourceReceivedAt());
        });
        router.start();
    }

    @Override
    public boolean running() {
        return router.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING;
    }

    /** Tickets opened so far. */
    long tickets() {
        return created.get();
    }

    @Override
    public long handled() {
        return messages.size();
    }

    @Override
    public boolean done(long expected) {
        return messages.size() >= expected && decided.get() >= created.get();
    }

    @Override
    public long outputs() {
        return events.records() + assignments.records();
    }

    @Override
    public long lastOutputNanos() {
        return Math.max(events.lastArrivalNanos(), assignments.lastArrivalNanos());
    }

    @Override
    public Histogram takeLatencies() {
        return assignments.takeLatencies();
    }

    /** Receipt to ticket event, since the last call. */
    Histogram takeFirstHopLatencies() {
        return events.takeLatencies();
    }

    /**
     * Where each application's stream thread spends its time (Kafka Streams' own thread metrics:
     * process, commit, poll ratios), the first thing to read when the router is slower than hoped.
     */
    String threadTime() {
        StringBuilder out = new StringBuilder();
        for (String app : java.util.List.of("switchboard-router", "switchboard-assigner")) {
            out.append(app).append(':');
            for (String metric : java.util.List.of("process.ratio", "commit.ratio", "poll.ratio", "process.rate")) {
                double v = registry.getMeters().stream()
                        .filter(m -> m.getId().getName().equals("kafka.stream.thread." + metric))
                        .filter(m ->
                                String.valueOf(m.getId().getTag("thread.id")).contains(app + "-"))
                        .mapToDouble(m -> m.measure().iterator().next().getValue())
                        .sum();
                out.append(String.format(java.util.Locale.ROOT, " %s %.2f", metric, v));
            }
            out.append("; ");
        }
        return out.toString();
    }

    @Override
    public void close() {
        router.close();
        if (events != null) {
            events.close();
        }
        if (assignments != null) {
            assignments.close();
        }
    }
}
