package dev.switchboard.sla;

import dev.switchboard.events.SlaAlert;
import dev.switchboard.events.TicketEvent;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Glue between ticket events, the two stores and {@link TicketSla}: a ticket's clocks live in
 * {@link SlaMonitor#TICKETS_STORE}; its next deadline in {@link SlaMonitor#DEADLINES_STORE}, keyed by
 * due time. A wall-clock check every {@code check-every} scans the deadline index only up to now, so
 * its cost grows with the alerts due, not with the open tickets; and it skips the scan while the
 * earliest deadline it knows of is still ahead. Both stores are logged, and alerts
 * and state changes commit together (exactly-once), so a restarted instance fires what fell due
 * while it was down (marked late) and never fires anything twice.
 */
final class SlaProcessor implements Processor<String, TicketEvent, String, SlaOutput> {
    private static final Logger log = LoggerFactory.getLogger(SlaProcessor.class);
    /** At most this many due tickets per check; the rest follow at the next one. */
    static final int MAX_DUE_PER_CHECK = 10_000;

    private final SlaRules rules;
    private final Duration checkEvery;
    private final Timer checks;
    private ProcessorContext<String, SlaOutput> context;
    private KeyValueStore<String, TicketSla> tickets;
    private KeyValueStore<String, String> deadlines;
    /**
     * No deadline in the index is due before this moment (epoch ms), so a check before it needs
     * no scan: a lookup in a large store costs more than in a small one, a comparison does not.
     * {@link Long#MIN_VALUE} until a scan has found it (a new task, a restored store).
     */
    private long noneDueBefore = Long.MIN_VALUE;

    /** @param checks times each wall-clock check: Kafka's punctuate metrics only keep a 30 s sampled average */
    SlaProcessor(SlaRules rules, Duration checkEvery, Timer checks) {
        this.rules = rules;
        this.checkEvery = checkEvery;
        this.checks = checks;
    }

    @Override
    public void init(ProcessorContext<String, SlaOutput> context) {
        this.context = context;
        this.tickets = context.getStateStore(SlaMonitor.TICKETS_STORE);
        this.deadlines = context.getStateStore(SlaMonitor.DEADLINES_STORE);
        context.schedule(checkEvery, PunctuationType.WALL_CLOCK_TIME, now -> checks.record(() -> fireDue(now)));
    }

    @Override
    public void process(Record<String, TicketEvent> record) {
        TicketEvent event = record.value();
        if (event == null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        TicketSla stored = tickets.get(event.getTicketId());
        save(event.getTicketId(), stored, TicketSla.onEvent(stored, event, now, rules), now);
    }

    private void fireDue(long wallClockMillis) {
        if (wallClockMillis < noneDueBefore) {
            return;
        }
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        List<KeyValue<String, String>> due = new ArrayList<>();
        noneDueBefore = Long.MIN_VALUE;
        try (KeyValueIterator<String, String> it = deadlines.range(DeadlineKeys.FIRST, null)) {
            while (it.hasNext() && due.size() < MAX_DUE_PER_CHECK) {
                KeyValue<String, String> next = it.next();
                if (DeadlineKeys.dueMillis(next.key) > wallClockMillis) {
                    noneDueBefore = DeadlineKeys.dueMillis(next.key);
                    break;
                }
                due.add(next);
            }
            if (due.size() < MAX_DUE_PER_CHECK && noneDueBefore == Long.MIN_VALUE) {
                noneDueBefore = Long.MAX_VALUE; // the index holds nothing beyond what is due
            }
        }
        // Saving the due tickets below indexes their next deadlines, each lowering the bound.
        for (KeyValue<String, String> entry : due) {
            String ticketId = entry.value;
            TicketSla ticket = tickets.get(ticketId);
            if (ticket == null || !entry.key.equals(ticket.deadlineKey())) {
                deadlines.delete(entry.key);
                continue;
            }
            try {
                save(ticketId, ticket, ticket.onTime(now, rules), now);
            } catch (RuntimeException e) {
                // A bug must not stop every other ticket's alerts nor spin on this one: drop its
                // deadline (its next event re-indexes it) and say so loudly.
                log.error("SLA check of ticket {} failed; its alerts wait for its next event", ticketId, e);
                deadlines.delete(entry.key);
            }
        }
    }

    /** Keeps or forgets the ticket's state, moves its deadline entry, and forwards what happened. */
    private void save(String ticketId, TicketSla stored, Effects fx, Instant now) {
        if (fx.isIgnored()) {
            return;
        }
        Optional<TicketSla> kept = fx.kept();
        String oldKey = stored == null ? null : stored.deadlineKey();
        String newKey = kept.flatMap(t -> t.nextDeadline(rules))
                .map(moment -> DeadlineKeys.of(moment, ticketId))
                .orElse(null);
        if (!Objects.equals(oldKey, newKey)) {
            if (oldKey != null) {
                deadlines.delete(oldKey);
            }
            if (newKey != null) {
                deadlines.put(newKey, ticketId);
                noneDueBefore = Math.min(noneDueBefore, DeadlineKeys.dueMillis(newKey));
            }
        }
        if (kept.isPresent()) {
            kept.get().deadlineKey(newKey);
            tickets.put(ticketId, kept.get());
        } else if (stored != null) {
            tickets.delete(ticketId);
        }
        long timestamp = now.toEpochMilli();
        for (SlaAlert alert : fx.alerts()) {
            log.info(
                    "SLA {} {} {} (policy {}, due {}{})",
                    alert.getLevel(),
                    ticketId,
                    alert.getMetric(),
                    alert.getPolicy(),
                    alert.getDueAt(),
                    alert.getFiredLate() ? ", fired late" : "");
            context.forward(new Record<>(ticketId, new SlaOutput.Alert(alert), timestamp));
        }
        fx.escalations().forEach(e -> context.forward(new Record<>(ticketId, new SlaOutput.Escalation(e), timestamp)));
        fx.status().ifPresent(s -> context.forward(new Record<>(ticketId, new SlaOutput.StatusUpdate(s), timestamp)));
        if (fx.statusRemoved()) {
            context.forward(new Record<>(ticketId, new SlaOutput.StatusRemoved(), timestamp));
        }
    }
}
