package dev.switchboard.router.assignment;

import dev.switchboard.events.Agent;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.TicketSummary;
import dev.switchboard.events.TimeRange;
import dev.switchboard.events.WeeklyPeriod;
import dev.switchboard.router.config.AssignmentSettings;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The simplest statement of the rules, written apart from the production code to check it: on
 * shift by reading the wall clock in the agent's zone against each weekly period of today and
 * yesterday; eligibility as one boolean expression; the choice as a sort on a tuple.
 */
final class Reference {
    private Reference() {}

    /** Is the wall-clock time of {@code t} in the agent's zone inside a shift, not on a holiday or time off? */
    static boolean onShift(Agent a, Instant t) {
        for (TimeRange r : a.getTimeOff()) {
            if (!t.isBefore(r.getStart()) && t.isBefore(r.getEnd())) {
                return false;
            }
        }
        LocalDateTime local = LocalDateTime.ofInstant(t, ZoneId.of(a.getTimeZone()));
        if (a.getHolidays().contains(local.toLocalDate().toString())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        int today = local.getDayOfWeek().getValue();
        int yesterday = local.getDayOfWeek().minus(1).getValue();
        for (WeeklyPeriod p : a.getShifts()) {
            boolean overnight = !p.getEnd().isAfter(p.getStart());
            if (p.getDayOfWeek() == today && !time.isBefore(p.getStart()) && (overnight || time.isBefore(p.getEnd()))) {
                return true;
            }
            if (overnight && p.getDayOfWeek() == yesterday && time.isBefore(p.getEnd())) {
                return true;
            }
        }
        return false;
    }

    /** Can this agent take a ticket with this summary now? */
    static boolean eligible(
            AssignmentSettings settings,
            Agent a,
            PresenceStatus presence,
            Map<String, Integer> loadByKind,
            TicketSummary ticket,
            Optional<String> handedBackBy,
            Instant now) {
        return canServe(settings, a, ticket)
                && !handedBackBy.equals(Optional.of(a.getId()))
                && onShift(a, now)
                && presence == PresenceStatus.ONLINE
                && total(loadByKind) < a.getCapacity().getTotal()
                && loadByKind.getOrDefault(kind(settings, ticket), 0) < kindCapacity(a, kind(settings, ticket));
    }

    static boolean canServe(AssignmentSettings settings, Agent a, TicketSummary t) {
        String channel = t.getChannel().name().toLowerCase(Locale.ROOT);
        String language = t.getLanguage() == null ? null : t.getLanguage().toLowerCase(Locale.ROOT);
        String role = t.getEscalation() == null ? null : t.getEscalation().getRequiredRole();
        return a.getActive()
                && (t.getTeam().isEmpty() || a.getTeams().contains(t.getTeam()))
                && (a.getIntents().isEmpty()
                        || a.getIntents().contains(t.getIntent().getIntent()))
                && (a.getChannels().isEmpty() || a.getChannels().contains(channel))
                && (language == null
                        || a.getLanguages().contains(language)
                        || settings.fallbackFor(language).stream().anyMatch(a.getLanguages()::contains))
                && (role == null || a.getRoles().contains(role));
    }

    static boolean speaks(Agent a, TicketSummary t) {
        return t.getLanguage() == null || a.getLanguages().contains(t.getLanguage());
    }

    static String kind(AssignmentSettings settings, TicketSummary t) {
        return settings.kindOf(t.getChannel().name().toLowerCase(Locale.ROOT));
    }

    static int kindCapacity(Agent a, String kind) {
        return Math.min(
                a.getCapacity().getTotal(),
                a.getCapacity()
                        .getPerChannelKind()
                        .getOrDefault(kind, a.getCapacity().getTotal()));
    }

    static int total(Map<String, Integer> loadByKind) {
        return loadByKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** An eligible agent as the choice sees it. */
    record Option(String id, boolean nativeSpeaker, int load, int capacity, long lastAssignedAt) {}

    /** Natives first; a preferred agent if among them; else lowest load ratio, longest idle, id. */
    static String choose(List<Option> eligible, List<String> preferred) {
        List<Option> pool = eligible.stream().filter(Option::nativeSpeaker).toList();
        if (pool.isEmpty()) {
            pool = eligible;
        }
        for (String p : preferred) {
            for (Option o : pool) {
                if (o.id().equals(p)) {
                    return p;
                }
            }
        }
        return pool.stream()
                .min(Comparator.comparingDouble((Option o) -> (double) o.load() / Math.max(1, o.capacity()))
                        .thenComparingLong(Option::lastAssignedAt)
                        .thenComparing(Option::id))
                .orElseThrow()
                .id();
    }
}
