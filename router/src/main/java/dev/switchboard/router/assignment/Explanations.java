package dev.switchboard.router.assignment;

import dev.switchboard.events.Ineligibility;
import dev.switchboard.router.assignment.Eligibility.NotEligible;
import dev.switchboard.router.assignment.Eligibility.Verdict;
import dev.switchboard.router.config.AssignmentSettings;
import dev.switchboard.router.config.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The words of every decision: why an agent was chosen ("speaks Arabic", "on shift until 17:00
 * Africa/Cairo", "load 2/5"), why the others were not (grouped by reason), and why a ticket waits
 * ("no Arabic-speaking refund-approver on shift until 09:00 Africa/Cairo (amira)").
 */
public final class Explanations {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH);

    private final AssignmentSettings settings;

    public Explanations(AssignmentSettings settings) {
        this.settings = settings;
    }

    /** Why this agent: skill, language, role, shift, load, idle time. */
    public List<String> chosen(AgentNow a, TicketNeeds needs, Optional<String> escalationRule, Instant now) {
        AgentProfile p = a.profile();
        List<String> lines = new ArrayList<>();
        lines.add("handles " + needs.intent() + " on " + needs.channel()
                + (needs.team().isEmpty() ? "" : " in team " + needs.team()));
        needs.language().ifPresent(l -> {
            if (p.speaks(l)) {
                lines.add("speaks " + Eligibility.languageName(l));
            } else {
                String fallback = settings.fallbackFor(l).stream()
                        .filter(p::speaks)
                        .findFirst()
                        .orElse("?");
                lines.add("speaks " + Eligibility.languageName(fallback) + " (fallback for "
                        + Eligibility.languageName(l) + ")");
            }
        });
        needs.role()
                .ifPresent(r -> lines.add(
                        r + escalationRule.map(x -> " (required by " + x + ")").orElse("")));
        lines.add(p.shifts()
                .nextChange(now)
                .map(end -> "on shift until " + at(end, p.zone(), now))
                .orElse("on shift"));
        String kindLimit = p.capacityByKind().containsKey(needs.kind())
                ? ", " + needs.kind() + " " + a.loadOf(needs.kind()) + "/" + p.capacityFor(needs.kind())
                : "";
        lines.add("load " + a.load() + "/" + p.capacity() + kindLimit);
        lines.add(a.lastAssignedAt().map(t -> "last new ticket " + ago(t, now)).orElse("no ticket yet"));
        return lines;
    }

    /** The agents that were not eligible, grouped by reason in rule order; {@code except} left out. */
    public static List<Ineligibility> notEligible(Map<String, Verdict> verdicts, Optional<String> except) {
        Map<String, List<String>> byLabel = new LinkedHashMap<>();
        verdicts.entrySet().stream()
                .filter(e -> e.getValue() instanceof NotEligible)
                .filter(e -> except.map(x -> !x.equals(e.getKey())).orElse(true))
                .sorted(Comparator.comparing((Map.Entry<String, Verdict> e) -> ((NotEligible) e.getValue()).reason()))
                .forEach(e -> byLabel.computeIfAbsent(((NotEligible) e.getValue()).label(), k -> new ArrayList<>())
                        .add(e.getKey()));
        List<Ineligibility> out = new ArrayList<>();
        byLabel.forEach((label, ids) -> out.add(new Ineligibility(label, List.copyOf(ids))));
        return out;
    }

    /**
     * Why a ticket waits, in one line: nobody could ever take it, or the agents who could are
     * busy or away (who and why), or they are off shift until the earliest of their next shifts.
     */
    public String waiting(TicketNeeds needs, List<AgentNow> agents, Map<String, Verdict> verdicts, Instant now) {
        List<AgentNow> capable = agents.stream()
                .filter(a -> !(verdicts.get(a.id()) instanceof NotEligible n
                        && n.reason().fixed()))
                .toList();
        if (capable.isEmpty()) {
            return "no " + who(needs) + " in this routing group handles " + needs.intent() + " on " + needs.channel()
                    + (needs.team().isEmpty() ? "" : " in team " + needs.team());
        }
        List<String> busy = new ArrayList<>();
        Optional<Instant> firstShift = Optional.empty();
        String firstAgent = "";
        ZoneId firstZone = ZoneId.of("UTC");
        for (AgentNow a : capable) {
            NotEligible n = (NotEligible) verdicts.get(a.id());
            if (n.reason().absent()) {
                Optional<Instant> next = a.profile().shifts().nextChange(now);
                if (next.isPresent() && (firstShift.isEmpty() || next.get().isBefore(firstShift.get()))) {
                    firstShift = next;
                    firstAgent = a.id();
                    firstZone = a.profile().zone();
                }
            } else {
                busy.add(a.id() + " " + busyLabel(a, n, needs));
            }
        }
        if (firstShift.isEmpty()) {
            return "no " + who(needs)
                    + (busy.isEmpty() ? " has a shift ahead" : " available now: " + String.join(", ", busy));
        }
        String next = at(firstShift.get(), firstZone, now) + " (" + firstAgent + ")";
        return busy.isEmpty()
                ? "no " + who(needs) + " on shift until " + next
                : "no " + who(needs) + " available now: " + String.join(", ", busy) + "; next shift " + next;
    }

    /** "Arabic-speaking refund-approver", "English-speaking agent". */
    public static String who(TicketNeeds needs) {
        return needs.language()
                        .map(l -> Eligibility.languageName(l) + "-speaking ")
                        .orElse("")
                + needs.role().orElse("agent");
    }

    /** "17:00 Africa/Cairo" the same local day, "Fri 02:00 Africa/Cairo" within a week, else the date. */
    public static String at(Instant t, ZoneId zone, Instant now) {
        ZonedDateTime local = t.atZone(zone);
        ZonedDateTime today = now.atZone(zone);
        DateTimeFormatter f = local.toLocalDate().equals(today.toLocalDate())
                ? TIME
                : Duration.between(now, t).compareTo(Duration.ofDays(6)) < 0 ? DAY_TIME : DATE_TIME;
        return f.format(local) + " " + zone.getId();
    }

    static String ago(Instant t, Instant now) {
        Duration d = Duration.between(t, now);
        if (d.compareTo(Duration.ofMinutes(1)) < 0) {
            return "just now";
        }
        return DurationText.of(d.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)) + " ago";
    }

    private static String busyLabel(AgentNow a, NotEligible n, TicketNeeds needs) {
        return switch (n.reason()) {
            case AT_CAPACITY -> "at capacity " + a.load() + "/" + a.profile().capacity();
            case AT_KIND_CAPACITY ->
                "at " + needs.kind() + " capacity " + a.loadOf(needs.kind()) + "/"
                        + a.profile().capacityFor(needs.kind());
            default -> n.label();
        };
    }
}
