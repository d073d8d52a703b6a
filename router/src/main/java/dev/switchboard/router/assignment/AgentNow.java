package dev.switchboard.router.assignment;

import dev.switchboard.events.PresenceStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An agent at the moment of a decision: the profile, presence (ONLINE, AWAY or OFFLINE; an unknown
 * presence already resolved by the settings), open tickets in total and per channel kind, and when
 * they last got a ticket.
 */
public record AgentNow(
        AgentProfile profile,
        PresenceStatus presence,
        int load,
        Map<String, Integer> loadByKind,
        Optional<Instant> lastAssignedAt) {
    public AgentNow {
        loadByKind = Map.copyOf(loadByKind);
    }

    public String id() {
        return profile.id();
    }

    public int loadOf(String kind) {
        return loadByKind.getOrDefault(kind, 0);
    }
}
