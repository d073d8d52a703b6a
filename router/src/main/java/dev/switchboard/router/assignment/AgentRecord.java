package dev.switchboard.router.assignment;

import dev.switchboard.events.Agent;
import dev.switchboard.events.PresenceStatus;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a routing group's state holds per agent: the agent record (null while only a presence report
 * has arrived), presence, the tickets they hold and when they last got one. Mutable, stored as JSON.
 */
public final class AgentRecord {
    /** The latest {@code Agent} record; null for a presence that arrived before the agent. */
    Agent agent;

    PresenceStatus presence = PresenceStatus.UNKNOWN;
    long presenceAt;
    /** Open tickets assigned to the agent: ticket id → channel kind. They count toward the load. */
    TreeMap<String, String> open = new TreeMap<>();
    /** Tickets assigned to the agent that wait on the customer: they do not count. */
    TreeSet<String> pending = new TreeSet<>();
    /** Epoch ms of the last assignment; 0 = never. */
    long lastAssignedAt;
    /** Epoch ms of the scheduled check of the agent's calendar; 0 = none. */
    long wakeupAt;

    /**
     * A copy a caller may change freely. The {@code Agent} is shared: nothing changes a received
     * record in place.
     */
    AgentRecord copy() {
        AgentRecord c = new AgentRecord();
        c.agent = agent;
        c.presence = presence;
        c.presenceAt = presenceAt;
        c.open = new TreeMap<>(open);
        c.pending = new TreeSet<>(pending);
        c.lastAssignedAt = lastAssignedAt;
        c.wakeupAt = wakeupAt;
        return c;
    }

    public Agent agent() {
        return agent;
    }

    public PresenceStatus presence() {
        return presence;
    }

    public int load() {
        return open.size();
    }

    public java.util.Map<String, String> open() {
        return java.util.Collections.unmodifiableMap(open);
    }
}
