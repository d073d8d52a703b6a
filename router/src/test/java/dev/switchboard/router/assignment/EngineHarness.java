package dev.switchboard.router.assignment;

import dev.switchboard.events.Agent;
import dev.switchboard.events.AgentPresence;
import dev.switchboard.events.Assignment;
import dev.switchboard.events.AssignmentAction;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.router.config.AssignmentSettings;
import dev.switchboard.router.topology.StateJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;

/** The engine over in-memory stores, recording its decisions, with a clock the test moves. */
final class EngineHarness {
    final MemoryKv<AgentRecord> agents = new MemoryKv<>(StateJson.AGENTS);
    final MemoryKv<TicketRecord> tickets = new MemoryKv<>(StateJson.TICKETS);
    final MemoryKv<String> queue = new MemoryKv<>(Serdes.String());
    final MemoryKv<Long> buckets = new MemoryKv<>(Serdes.Long());
    final MemoryKv<String> customers = new MemoryKv<>(Serdes.String());
    final MemoryKv<String> wakeups = new MemoryKv<>(Serdes.String());
    final AssignmentState state = new AssignmentState(agents, tickets, queue, buckets, customers, wakeups);
    final List<Assignment> assignments = new ArrayList<>();
    final List<TicketEvent> events = new ArrayList<>();
    final AssignmentEngine engine;
    final String group = "default";
    Instant now;

    EngineHarness(AssignmentSettings settings, Instant start) {
        this.now = start;
        this.engine = new AssignmentEngine(settings, Duration.ofDays(7), state, new Decisions() {
            @Override
            public void assignment(Assignment a) {
                assignments.add(a);
            }

            @Override
            public void event(TicketEvent e) {
                events.add(e);
            }
        });
    }

    EngineHarness agent(Agent a) {
        engine.agent(a.getRoutingGroup(), a, now);
        return this;
    }

    EngineHarness online(String... ids) {
        for (String id : ids) {
            presence(id, PresenceStatus.ONLINE);
        }
        return this;
    }

    EngineHarness presence(String id, PresenceStatus status) {
        AgentPresence p = AssignmentFixtures.presence(id, status, now);
        engine.presence(group, p, now);
        return this;
    }

    EngineHarness event(TicketEvent e) {
        String g = e.getTicket() != null ? e.getTicket().getRoutingGroup() : group;
        engine.ticketEvent(g, e, now);
        return this;
    }

    /** Moves the clock, running the wall-clock check every {@code step} as the punctuator would. */
    EngineHarness advance(Duration by, Duration step) {
        Instant end = now.plus(by);
        while (now.isBefore(end)) {
            Instant next = now.plus(step);
            now = next.isAfter(end) ? end : next;
            engine.check(now);
        }
        return this;
    }

    EngineHarness advance(Duration by) {
        return advance(by, Duration.ofSeconds(1));
    }

    /** The last decision about a ticket. */
    Assignment last(String ticket) {
        for (int i = assignments.size() - 1; i >= 0; i--) {
            if (assignments.get(i).getTicketId().equals(ticket)) {
                return assignments.get(i);
            }
        }
        throw new AssertionError("no decision about " + ticket);
    }

    /** The current assignee of a ticket as the decisions tell it. */
    Optional<String> assignee(String ticket) {
        Assignment a = last(ticket);
        return a.getAction() == AssignmentAction.ASSIGNED || a.getAction() == AssignmentAction.REASSIGNED
                ? Optional.of(a.getAgentId())
                : Optional.empty();
    }

    /** Open tickets per agent as the state holds them. */
    Map<String, Integer> loads() {
        Map<String, Integer> out = new TreeMap<>();
        state.agents(group).forEach((id, r) -> out.put(id, r.load()));
        return out;
    }

    List<Assignment> drain() {
        List<Assignment> copy = List.copyOf(assignments);
        assignments.clear();
        events.clear();
        return copy;
    }
}
