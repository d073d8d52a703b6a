package dev.switchboard.router.assignment;

import dev.switchboard.events.PresenceStatus;
import dev.switchboard.router.config.AssignmentSettings;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Can this agent take this ticket now? Eligible means, in this order: active; in the ticket's team;
 * handles its intent and channel; speaks its language (or a configured fallback language); has the
 * role an escalation requires; not the agent the ticket was just taken from; on shift, not on time
 * off or a holiday; online; under capacity for the channel's kind and in total. The first rule
 * that fails is the reason, worded the same for every agent it applies to, so the explanation can
 * group agents by it ("off shift: omar, maria").
 *
 * <p>The first six rules depend only on the agent's profile and the ticket's needs ({@link
 * #canServe}): an agent that frees up looks only at the queue buckets it can serve.
 */
public final class Eligibility {
    private final AssignmentSettings settings;

    public Eligibility(AssignmentSettings settings) {
        this.settings = settings;
    }

    /** Why an agent is not eligible, in the order the rules are checked. */
    public enum Reason {
        INACTIVE(true),
        TEAM(true),
        INTENT(true),
        CHANNEL(true),
        LANGUAGE(true),
        ROLE(true),
        HANDED_BACK(false),
        TIME_OFF(false),
        HOLIDAY(false),
        OFF_SHIFT(false),
        AWAY(false),
        OFFLINE(false),
        AT_CAPACITY(false),
        AT_KIND_CAPACITY(false);

        private final boolean fixed;

        Reason(boolean fixed) {
            this.fixed = fixed;
        }

        /** Depends only on the agent's profile and the ticket's needs, not on the moment. */
        public boolean fixed() {
            return fixed;
        }

        /** Not working at the moment: off shift, time off, holiday. */
        public boolean absent() {
            return this == TIME_OFF || this == HOLIDAY || this == OFF_SHIFT;
        }
    }

    /** The answer for one agent and one ticket. */
    public sealed interface Verdict permits Eligible, NotEligible {
        default boolean eligible() {
            return this instanceof Eligible;
        }
    }

    /** @param fallbackLanguage speaks only a fallback language of the ticket's, not the language itself */
    public record Eligible(boolean fallbackLanguage) implements Verdict {}

    /** @param label the reason in words, the same for every agent it applies to */
    public record NotEligible(Reason reason, String label) implements Verdict {}

    public Verdict check(AgentNow a, TicketNeeds needs, Instant now, Optional<String> handedBackBy) {
        AgentProfile p = a.profile();
        Optional<NotEligible> fixed = fixedReason(p, needs);
        if (fixed.isPresent()) {
            return fixed.get();
        }
        if (handedBackBy.isPresent() && handedBackBy.get().equals(p.id())) {
            return new NotEligible(Reason.HANDED_BACK, "just taken off this ticket");
        }
        Optional<NotEligible> unavailable = unavailable(a, now);
        if (unavailable.isPresent()) {
            return unavailable.get();
        }
        if (a.loadOf(needs.kind()) >= p.capacityFor(needs.kind())) {
            return new NotEligible(Reason.AT_KIND_CAPACITY, "at " + needs.kind() + " capacity");
        }
        return new Eligible(
                needs.language().isPresent() && !p.speaks(needs.language().get()));
    }

    /** The rules that depend only on profile and needs: could this agent ever take such tickets? */
    public boolean canServe(AgentProfile p, TicketNeeds needs) {
        return fixedReason(p, needs).isEmpty();
    }

    /**
     * Can the agent take any ticket now: on shift, online, under total capacity? Empty when yes,
     * otherwise the first reason why not.
     */
    public Optional<NotEligible> unavailable(AgentNow a, Instant now) {
        AgentProfile p = a.profile();
        if (!p.active()) {
            return Optional.of(new NotEligible(Reason.INACTIVE, "inactive"));
        }
        if (!p.shifts().onShift(now)) {
            AgentShifts.Absence absence = p.shifts().absenceAt(now);
            return Optional.of(
                    switch (absence.kind()) {
                        case TIME_OFF -> new NotEligible(Reason.TIME_OFF, "on time off");
                        case HOLIDAY -> new NotEligible(Reason.HOLIDAY, "on holiday");
                        case OFF_SHIFT -> new NotEligible(Reason.OFF_SHIFT, "off shift");
                    });
        }
        if (a.presence() == PresenceStatus.AWAY) {
            return Optional.of(new NotEligible(Reason.AWAY, "away"));
        }
        if (a.presence() != PresenceStatus.ONLINE) {
            return Optional.of(new NotEligible(Reason.OFFLINE, "offline"));
        }
        if (a.load() >= p.capacity()) {
            return Optional.of(new NotEligible(Reason.AT_CAPACITY, "at capacity"));
        }
        return Optional.empty();
    }

    private Optional<NotEligible> fixedReason(AgentProfile p, TicketNeeds needs) {
        if (!p.active()) {
            return Optional.of(new NotEligible(Reason.INACTIVE, "inactive"));
        }
        if (!needs.team().isEmpty() && !p.teams().contains(needs.team())) {
            return Optional.of(new NotEligible(Reason.TEAM, "not in team " + needs.team()));
        }
        if (!p.intents().isEmpty() && !p.intents().contains(needs.intent())) {
            return Optional.of(new NotEligible(Reason.INTENT, "does not handle " + needs.intent()));
        }
        if (!p.channels().isEmpty() && !p.channels().contains(needs.channel())) {
            return Optional.of(new NotEligible(Reason.CHANNEL, "does not take " + needs.channel()));
        }
        if (needs.language().isPresent()
                && !speaksOrFallback(p, needs.language().get())) {
            return Optional.of(new NotEligible(
                    Reason.LANGUAGE,
                    "does not speak " + languageName(needs.language().get())));
        }
        if (needs.role().isPresent() && !p.roles().contains(needs.role().get())) {
            return Optional.of(
                    new NotEligible(Reason.ROLE, "not a " + needs.role().get()));
        }
        return Optional.empty();
    }

    private boolean speaksOrFallback(AgentProfile p, String language) {
        return p.speaks(language) || settings.fallbackFor(language).stream().anyMatch(p::speaks);
    }

    /** "Arabic" for ar; the code itself when Java does not know it. */
    public static String languageName(String code) {
        String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
        return name.isBlank() || name.equalsIgnoreCase(code) ? code : name;
    }
}
