package dev.switchboard.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.router.config.AssignmentSettings;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What must hold after every step of a busy day, checked against {@link Reference} on the state
 * itself: no agent over capacity, no ticket with two agents, every open ticket assigned or waiting,
 * and no waiting ticket that an agent could take now.
 */
public final class Invariants {
    private Invariants() {}

    public static void check(
            AssignmentSettings settings, Map<String, AgentRecord> agents, List<TicketRecord> tickets, Instant now) {
        Set<String> held = new HashSet<>();
        Map<String, Map<String, Integer>> loads = new HashMap<>();
        agents.forEach((id, a) -> {
            Map<String, Integer> byKind = new HashMap<>();
            a.open.values().forEach(k -> byKind.merge(k, 1, Integer::sum));
            loads.put(id, byKind);
            if (a.agent == null) {
                return;
            }
            assertThat(a.open.size())
                    .as("%s holds %s at %s, capacity %s", id, a.open.keySet(), now, a.agent.getCapacity())
                    .isLessThanOrEqualTo(a.agent.getCapacity().getTotal());
            byKind.forEach((kind, n) -> assertThat(n)
                    .as("%s's %s tickets at %s", id, kind, now)
                    .isLessThanOrEqualTo(Reference.kindCapacity(a.agent, kind)));
            for (String t : a.open.keySet()) {
                assertThat(held.add(t)).as("%s held twice", t).isTrue();
            }
        });
        for (TicketRecord t : tickets) {
            boolean open = t.status == TicketStatus.NEW || t.status == TicketStatus.OPEN;
            if (open) {
                assertThat(t.queued() ^ t.assignee != null)
                        .as("%s (%s) is either waiting or assigned at %s", t.ticketId, t.status, now)
                        .isTrue();
            } else {
                assertThat(t.queued()).as("%s (%s) waits", t.ticketId, t.status).isFalse();
            }
            if (open && t.assignee != null) {
                AgentRecord a = agents.get(t.assignee);
                assertThat(a != null && a.open.containsKey(t.ticketId))
                        .as("%s counts for %s", t.ticketId, t.assignee)
                        .isTrue();
            }
            if (!t.queued()) {
                continue;
            }
            for (Map.Entry<String, AgentRecord> e : agents.entrySet()) {
                AgentRecord a = e.getValue();
                if (a.agent == null) {
                    continue;
                }
                PresenceStatus presence = a.presence == PresenceStatus.UNKNOWN && !settings.unknownMeansOnline()
                        ? PresenceStatus.OFFLINE
                        : a.presence;
                boolean couldTakeIt = Reference.eligible(
                        settings,
                        a.agent,
                        presence,
                        loads.get(e.getKey()),
                        t.summary,
                        Optional.ofNullable(t.handedBackBy),
                        now);
                assertThat(couldTakeIt)
                        .as("%s idles while %s waits at %s", e.getKey(), t.ticketId, now)
                        .isFalse();
            }
        }
    }
}
