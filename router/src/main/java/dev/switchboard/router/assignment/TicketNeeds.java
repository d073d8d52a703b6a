package dev.switchboard.router.assignment;

import dev.switchboard.events.TicketSummary;
import dev.switchboard.router.config.AssignmentSettings;
import java.util.Locale;
import java.util.Optional;

/**
 * What a ticket asks of its agent: team, skill (intent and channel), the channel's capacity kind,
 * language and, when escalated, a role. Tickets with the same needs are served by the same agents,
 * so the queue keeps one bucket per {@link #signature()} and an agent that frees up looks only at
 * the heads of the buckets it can serve.
 *
 * @param team empty: any team of the routing group
 * @param language primary language subtag; empty when unknown (any agent)
 */
public record TicketNeeds(
        String team, String intent, String channel, String kind, Optional<String> language, Optional<String> role) {
    private static final char SEPARATOR = '\u001f';

    public static TicketNeeds of(TicketSummary summary, AssignmentSettings settings) {
        String channel = summary.getChannel().name().toLowerCase(Locale.ROOT);
        Optional<String> role = Optional.ofNullable(summary.getEscalation())
                .flatMap(e -> Optional.ofNullable(e.getRequiredRole()))
                .filter(r -> !r.isBlank())
                .map(r -> r.toLowerCase(Locale.ROOT));
        return new TicketNeeds(
                clean(summary.getTeam()),
                clean(summary.getIntent().getIntent()),
                channel,
                settings.kindOf(channel),
                Optional.ofNullable(summary.getLanguage())
                        .filter(l -> !l.isBlank())
                        .map(AgentProfile::language),
                role);
    }

    /** A stable text for the needs, usable inside a store key (no control characters). */
    public String signature() {
        return String.join(
                String.valueOf(SEPARATOR), team, intent, channel, kind, language.orElse(""), role.orElse(""));
    }

    public static TicketNeeds parse(String signature) {
        String[] p = signature.split(String.valueOf(SEPARATOR), -1);
        if (p.length != 6) {
            throw new IllegalArgumentException("not a needs signature: " + signature.replace(SEPARATOR, '|'));
        }
        return new TicketNeeds(
                p[0],
                p[1],
                p[2],
                p[3],
                p[4].isEmpty() ? Optional.empty() : Optional.of(p[4]),
                p[5].isEmpty() ? Optional.empty() : Optional.of(p[5]));
    }

    private static String clean(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        name.toLowerCase(Locale.ROOT)
                .codePoints()
                .filter(c -> !Character.isISOControl(c))
                .forEach(b::appendCodePoint);
        return b.toString().trim();
    }
}
