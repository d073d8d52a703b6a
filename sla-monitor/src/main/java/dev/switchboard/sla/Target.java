package dev.switchboard.sla;

import java.time.Duration;
import java.util.Optional;

/**
 * The target a policy sets for one clock: so much business time on a calendar, when to warn, and
 * what to ask for on a breach. A clock keeps the target it was given, so a changed configuration
 * never moves a due time silently; a priority change re-targets it with a note.
 *
 * @param warnAfterMillis business time after which to warn; null for no warning
 */
public record Target(String policy, String calendar, long minutes, Long warnAfterMillis, BreachAction onBreach) {
    public Duration duration() {
        return Duration.ofMinutes(minutes);
    }

    public Optional<Duration> warnAfter() {
        return Optional.ofNullable(warnAfterMillis).map(Duration::ofMillis);
    }

    /** e.g. {@code 60 business minutes on riyadh-office (policy vip), warning after 45m}. */
    public String describe() {
        return minutes + " business minutes on " + calendar + " (policy " + policy + ")"
                + warnAfter().map(w -> ", warning after " + Texts.duration(w)).orElse("");
    }
}
