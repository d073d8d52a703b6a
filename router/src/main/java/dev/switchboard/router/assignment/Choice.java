package dev.switchboard.router.assignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Who among the eligible gets the ticket. Deterministic, so it can be tested and explained:
 *
 * <ol>
 *   <li>speakers of the ticket's language before speakers of a fallback language;
 *   <li>a preferred agent, if eligible: the one a lead asked for, the last agent of a reopened
 *       ticket, the customer's previous agent within the sticky window (in that order);
 *   <li>the lowest load ratio (open tickets / total capacity);
 *   <li>the longest since their last assignment (never assigned counts as longest);
 *   <li>the agent id, so equal agents are always chosen in the same order.
 * </ol>
 */
public final class Choice {
    private Choice() {}

    /** An eligible agent; {@code fallbackLanguage} when they speak only a fallback of the ticket's language. */
    public record Candidate(AgentNow agent, boolean fallbackLanguage) {}

    /** A preferred agent and the rule that prefers them ("sticky: the customer's agent within 7d"). */
    public record Preference(String agentId, String rule) {}

    /** The choice and the rules that made it, in the order they applied. */
    public record Chosen(AgentNow agent, List<String> rules) {}

    /** Lower load ratio first, then longest idle, then id. */
    public static final Comparator<AgentNow> ORDER = Choice::compareLoad;

    public static Chosen choose(List<Candidate> eligible, List<Preference> preferences) {
        if (eligible.isEmpty()) {
            throw new IllegalArgumentException("nobody to choose from");
        }
        List<String> rules = new ArrayList<>();
        List<AgentNow> pool = eligible.stream()
                .filter(c -> !c.fallbackLanguage())
                .map(Candidate::agent)
                .toList();
        if (pool.isEmpty()) {
            pool = eligible.stream().map(Candidate::agent).toList();
            rules.add("language fallback: no eligible agent speaks the ticket's language");
        }
        for (Preference p : preferences) {
            for (AgentNow a : pool) {
                if (a.id().equals(p.agentId())) {
                    rules.add(p.rule());
                    return new Chosen(a, List.copyOf(rules));
                }
            }
        }
        List<AgentNow> sorted = pool.stream().sorted(ORDER).toList();
        AgentNow best = sorted.get(0);
        if (sorted.size() == 1) {
            rules.add("the only eligible agent");
        } else {
            AgentNow next = sorted.get(1);
            if (ratioCompare(best, next) < 0) {
                rules.add("lowest load of " + sorted.size() + " eligible");
            } else if (compareIdle(best, next) < 0) {
                rules.add("longest since a new ticket among " + countTied(sorted) + " with the same load");
            } else {
                rules.add("first by id among " + countTied(sorted) + " with the same load and idle time");
            }
        }
        return new Chosen(best, List.copyOf(rules));
    }

    private static int compareLoad(AgentNow a, AgentNow b) {
        int byRatio = ratioCompare(a, b);
        if (byRatio != 0) {
            return byRatio;
        }
        int byIdle = compareIdle(a, b);
        return byIdle != 0 ? byIdle : a.id().compareTo(b.id());
    }

    /** a.load / a.capacity against b.load / b.capacity, exactly (no floating point). */
    static int ratioCompare(AgentNow a, AgentNow b) {
        long left = (long) a.load() * Math.max(1, b.profile().capacity());
        long right = (long) b.load() * Math.max(1, a.profile().capacity());
        return Long.compare(left, right);
    }

    private static int compareIdle(AgentNow a, AgentNow b) {
        Instant x = a.lastAssignedAt().orElse(Instant.MIN);
        Instant y = b.lastAssignedAt().orElse(Instant.MIN);
        return x.compareTo(y);
    }

    private static int countTied(List<AgentNow> sorted) {
        int n = 1;
        while (n < sorted.size() && ratioCompare(sorted.get(0), sorted.get(n)) == 0) {
            n++;
        }
        return n;
    }
}
