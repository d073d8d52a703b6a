package dev.switchboard.router.priority;

import java.util.List;

/** A priority and every reason that added up to it: {@code score} is the sum of the reasons' points. */
public record PriorityScore(PriorityLevel level, int score, List<Reason> reasons) {
    public PriorityScore {
        reasons = List.copyOf(reasons);
    }
}
