package dev.switchboard.sla;

import dev.switchboard.calendar.Calendars;
import dev.switchboard.config.ConfigException;
import dev.switchboard.events.SlaMetric;
import dev.switchboard.sla.SlaConfigFile.Defaults;
import dev.switchboard.sla.SlaConfigFile.Match;
import dev.switchboard.sla.SlaConfigFile.PolicySpec;
import dev.switchboard.sla.SlaConfigFile.TargetSpec;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/** Which targets a ticket gets: the first policy, in file order, whose match fits the ticket. */
public final class SlaPolicies {
    private final List<Policy> policies;

    private SlaPolicies(List<Policy> policies) {
        this.policies = List.copyOf(policies);
    }

    /** A policy with its targets resolved against the defaults and checked against the calendars. */
    public record Policy(String name, Match match, Map<SlaMetric, Target> targets) {
        public boolean matches(TicketFacts facts) {
            return (match.priority().isEmpty() || match.priority().contains(facts.priority()))
                    && (match.channel().isEmpty() || match.channel().contains(facts.channel()))
                    && (match.customerTier().isEmpty()
                            || containsIgnoringCase(match.customerTier(), facts.customerTier()))
                    && (match.team().isEmpty() || containsIgnoringCase(match.team(), facts.team()));
        }

        public Optional<Target> target(SlaMetric metric) {
            return Optional.ofNullable(targets.get(metric));
        }

        private static boolean containsIgnoringCase(List<String> values, String value) {
            return value != null && values.stream().anyMatch(v -> v.equalsIgnoreCase(value));
        }
    }

    public List<Policy> all() {
        return policies;
    }

    /** The policy for a ticket; the last policy matches every ticket. */
    public Policy match(TicketFacts facts) {
        for (Policy p : policies) {
            if (p.matches(facts)) {
                return p;
            }
        }
        return policies.get(policies.size() - 1);
    }

    /**
     * Resolves the file's policies.
     *
     * @throws ConfigException naming the file and the key: duplicate names, unknown calendars, a
     *     last policy that does not match every ticket
     */
    public static SlaPolicies resolve(String source, SlaConfigFile file, Calendars calendars) {
        Set<String> names = new HashSet<>();
        List<PolicySpec> specs = file.policies();
        List<Policy> policies = new java.util.ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            PolicySpec spec = specs.get(i);
            String where = source + ": policies[" + i + "] (" + spec.name() + ")";
            if (!names.add(spec.name())) {
                throw new ConfigException(where + ": the name " + spec.name() + " is used twice");
            }
            Map<SlaMetric, Target> targets = new EnumMap<>(SlaMetric.class);
            resolve(where + ".first-reply", spec, spec.firstReply(), file.defaults(), calendars)
                    .ifPresent(t -> targets.put(SlaMetric.FIRST_REPLY, t));
            resolve(where + ".next-reply", spec, spec.nextReply(), file.defaults(), calendars)
                    .ifPresent(t -> targets.put(SlaMetric.NEXT_REPLY, t));
            resolve(where + ".resolution", spec, spec.resolution(), file.defaults(), calendars)
                    .ifPresent(t -> targets.put(SlaMetric.RESOLUTION, t));
            policies.add(new Policy(spec.name(), spec.match(), Map.copyOf(targets)));
        }
        PolicySpec last = specs.get(specs.size() - 1);
        if (!last.match().matchesEverything()) {
            throw new ConfigException(source + ": policies[" + (specs.size() - 1) + "] (" + last.name()
                    + "): the last policy must match every ticket (leave out match:), so every ticket gets a policy;"
                    + " a policy without targets gives no SLA");
        }
        return new SlaPolicies(policies);
    }

    private static Optional<Target> resolve(
            String where, PolicySpec policy, TargetSpec spec, Defaults defaults, Calendars calendars) {
        if (spec == null) {
            return Optional.empty();
        }
        String calendar = first(spec.calendar(), policy.calendar(), defaults.calendar());
        if (calendars.find(calendar).isEmpty()) {
            throw new ConfigException(where + ".calendar: unknown calendar '" + calendar + "'; known calendars: "
                    + String.join(", ", new TreeSet<>(calendars.names())));
        }
        OptionalDouble share = WarnAt.parse(first(spec.warnAt(), policy.warnAt(), defaults.warnAt()));
        Duration before = first(spec.warnBefore(), policy.warnBefore(), defaults.warnBefore());
        BreachAction action = first(spec.onBreach(), policy.onBreach(), defaults.onBreach());
        long targetMillis = spec.target().toMillis();
        // Warn at the share of the target or the lead time before it, whichever comes first.
        Long warnAfter = null;
        if (share.isPresent()) {
            warnAfter = Math.round(targetMillis * share.getAsDouble());
        }
        if (!before.isZero() && !before.isNegative() && before.toMillis() < targetMillis) {
            long byLead = targetMillis - before.toMillis();
            warnAfter = warnAfter == null ? byLead : Math.min(warnAfter, byLead);
        }
        return Optional.of(new Target(policy.name(), calendar, spec.target().toMinutes(), warnAfter, action));
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        throw new IllegalStateException("defaults always set a value");
    }

    /** For logs: {@code urgent (priority urgent), standard (everything)}. */
    @Override
    public String toString() {
        return policies.stream()
                .map(p -> p.name() + " (" + describe(p.match()) + ")")
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }

    static String describe(Match m) {
        if (m.matchesEverything()) {
            return "every ticket";
        }
        List<String> parts = new java.util.ArrayList<>();
        if (!m.priority().isEmpty()) {
            parts.add("priority " + lower(m.priority()));
        }
        if (!m.channel().isEmpty()) {
            parts.add("channel " + lower(m.channel()));
        }
        if (!m.customerTier().isEmpty()) {
            parts.add("customer tier " + String.join("/", m.customerTier()));
        }
        if (!m.team().isEmpty()) {
            parts.add("team " + String.join("/", m.team()));
        }
        return String.join(", ", parts);
    }

    private static String lower(List<? extends Enum<?>> values) {
        return String.join(
                "/", values.stream().map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
    }
}
