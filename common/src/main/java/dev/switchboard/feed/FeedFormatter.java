package dev.switchboard.feed;

import dev.switchboard.events.Assignment;
import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.Ineligibility;
import dev.switchboard.events.PriorityReason;
import dev.switchboard.events.SlaAlert;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns Switchboard's events into one human-readable line each, for the live feed of
 * {@code switchboard run}: new tickets with intent, language and priority reasons, escalations,
 * assignments with their explanation, queue waits, SLA warnings and breaches.
 *
 * <p>Customer text in right-to-left scripts is wrapped in Unicode directional isolates
 * (FSI … PDI), so an Arabic snippet shows correctly inside an English line and does not reorder
 * the line around it.
 */
public final class FeedFormatter {
    private static final int PREVIEW = 60;
    private final DateTimeFormatter time;

    public FeedFormatter(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    }

    /** The line for a ticket event, or empty for events the feed does not show. */
    public Optional<String> ticketEvent(TicketEvent e) {
        Optional<TicketSummary> t = Optional.ofNullable(e.getTicket());
        String id = e.getTicketId();
        return switch (e.getType()) {
            case CREATED -> t.map(s -> line(e.getOccurredAt(), "NEW", id, newTicket(s)));
            case CUSTOMER_MESSAGE ->
                t.map(s -> line(
                        e.getOccurredAt(),
                        "MESSAGE",
                        id,
                        "customer wrote again" + priority(s) + quote(s.getPreview())));
            case REOPENED -> Optional.of(line(e.getOccurredAt(), "REOPEN", id, "customer wrote after it was solved"));
            case ESCALATED -> t.map(s -> line(e.getOccurredAt(), "ESCALATE", id, escalation(s, e.getReasons())));
            case PRIORITY_CHANGED ->
                t.map(s -> line(
                        e.getOccurredAt(),
                        "PRIORITY",
                        id,
                        "now " + s.getPriority() + priorityReasons(s.getPriorityReasons())));
            case NOTE_ADDED ->
                Optional.of(line(
                        e.getOccurredAt(),
                        "NOTE",
                        id,
                        // Assignment's note on an SLA breach names the leads; the router's notes are automated mail.
                        "sla-notify-lead".equals(e.getAttributes().get("note"))
                                ? String.join("; ", e.getReasons())
                                : "automated mail attached as a note" + reasons(e.getReasons())));
            case CUSTOMER_UNREACHABLE ->
                Optional.of(line(
                        e.getOccurredAt(),
                        "BOUNCE",
                        id,
                        "customer unreachable at " + e.getAttributes().getOrDefault("address", "their address")));
            case AGENT_REPLIED ->
                Optional.of(line(
                        e.getOccurredAt(),
                        "REPLY",
                        id,
                        (e.getAgentId() == null ? "the shop" : e.getAgentId()) + " replied"
                                + (e.getPublicReply() ? "" : " (internal note)") + " via "
                                + e.getOrigin().name().toLowerCase(Locale.ROOT)));
            case STATUS_CHANGED ->
                Optional.of(line(
                        e.getOccurredAt(),
                        "STATUS",
                        id,
                        "now "
                                + (e.getStatus() == null
                                        ? "?"
                                        : e.getStatus().name().toLowerCase(Locale.ROOT))));
            case SLA_ESCALATION ->
                Optional.of(line(
                        e.getOccurredAt(),
                        "SLA-ESC",
                        id,
                        e.getAttributes().getOrDefault("action", "escalate") + " after "
                                + e.getAttributes().getOrDefault("metric", "an SLA") + " breach"));
            case MERGED ->
                Optional.of(line(
                        e.getOccurredAt(),
                        "MERGED",
                        id,
                        "into " + e.getAttributes().getOrDefault("mergedInto", "another ticket")));
            default -> Optional.empty();
        };
    }

    public String assignment(Assignment a) {
        String tag = switch (a.getAction()) {
            case ASSIGNED -> "ASSIGN";
            case REASSIGNED -> "REASSIGN";
            case QUEUED -> "QUEUE";
            case UNASSIGNED -> "UNASSIGN";
            default -> "ROUTE";
        };
        StringBuilder b = new StringBuilder();
        switch (a.getAction()) {
            case QUEUED ->
                b.append("waits in ")
                        .append(a.getRoutingGroup())
                        .append(a.getQueuePosition() == null ? "" : " (#" + a.getQueuePosition() + ")")
                        .append(" ")
                        .append(a.getPriority());
            case UNASSIGNED -> b.append("taken back from ").append(a.getPreviousAgentId());
            default ->
                b.append("→ ")
                        .append(agent(a))
                        .append(a.getPreviousAgentId() == null ? "" : " (was " + a.getPreviousAgentId() + ")");
        }
        if (!a.getExplanation().isEmpty()) {
            b.append(": ").append(String.join(", ", a.getExplanation()));
        }
        if (a.getAgentsConsidered() > 0) {
            b.append("; ").append(a.getAgentsConsidered()).append(" considered");
            for (Ineligibility group : a.getNotEligible()) {
                b.append(", ").append(group.getAgentIds().size()).append(' ').append(group.getReason());
            }
        }
        if (!a.getRulesApplied().isEmpty()) {
            b.append(" [").append(String.join(", ", a.getRulesApplied())).append(']');
        }
        return line(a.getDecidedAt(), tag, a.getTicketId(), b.toString());
    }

    public String slaAlert(SlaAlert alert) {
        String metric = alert.getMetric().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String tag = switch (alert.getLevel()) {
            case WARNING -> "SLA-WARN";
            case BREACHED -> "SLA-BREACH";
            case MET_LATE -> "SLA-LATE";
            default -> "SLA";
        };
        String what = switch (alert.getLevel()) {
            case WARNING -> metric + " due at " + time.format(alert.getDueAt());
            case BREACHED -> metric + " overdue since " + time.format(alert.getDueAt());
            case MET_LATE -> metric + " met " + human(Duration.ofMillis(alert.getLateByMillis())) + " late";
            default -> metric;
        };
        String who = alert.getAssignee() == null ? "unassigned" : "assignee " + alert.getAssignee();
        return line(
                alert.getFiredAt(),
                tag,
                alert.getTicketId(),
                what + " (policy " + alert.getPolicy() + ", " + alert.getPriority() + ", " + who + ")"
                        + (alert.getFiredLate() ? " fired late after a restart" : ""));
    }

    public String deadLetter(DeadLetter d) {
        return line(
                d.getOccurredAt(),
                "DEAD",
                d.getSourceId(),
                d.getService() + " could not use input (" + d.getReason() + "): " + d.getDetail());
    }

    private String newTicket(TicketSummary s) {
        String from = Optional.ofNullable(s.getCustomer().getDisplayName())
                .or(() -> Optional.ofNullable(s.getCustomer().getAddress()))
                .or(() -> Optional.ofNullable(s.getCustomer().getHandle()))
                .orElse("customer");
        return "[" + s.getChannel().name().toLowerCase(Locale.ROOT) + "] "
                + s.getIntent().getIntent()
                + " · " + Optional.ofNullable(s.getLanguage()).orElse("?")
                + priority(s) + " from " + isolate(from) + quote(s.getPreview());
    }

    private static String priority(TicketSummary s) {
        return " · " + s.getPriority() + " (" + s.getPriorityScore() + priorityReasons(s.getPriorityReasons()) + ")";
    }

    private static String priorityReasons(List<PriorityReason> reasons) {
        if (reasons.isEmpty()) {
            return "";
        }
        return ": "
                + reasons.stream()
                        .map(r -> r.getLabel() + " " + (r.getPoints() >= 0 ? "+" : "") + r.getPoints())
                        .collect(Collectors.joining(", "));
    }

    private static String escalation(TicketSummary s, List<String> reasons) {
        if (s.getEscalation() == null) {
            return "escalated" + reasons(reasons);
        }
        return "needs "
                + Optional.ofNullable(s.getEscalation().getRequiredRole()).orElse("a lead") + ": "
                + s.getEscalation().getRule()
                + (s.getEscalation().getDetail().isEmpty()
                        ? ""
                        : " (" + s.getEscalation().getDetail() + ")");
    }

    private static String reasons(List<String> reasons) {
        return reasons.isEmpty() ? "" : ": " + String.join(", ", reasons);
    }

    private static String agent(Assignment a) {
        return a.getAgentName() == null || a.getAgentName().equals(a.getAgentId())
                ? String.valueOf(a.getAgentId())
                : isolate(a.getAgentName()) + " (" + a.getAgentId() + ")";
    }

    private String line(Instant at, String tag, String subject, String text) {
        return String.format("%s  %-10s %-10s %s", time.format(at), tag, subject, text);
    }

    private static String quote(String preview) {
        if (preview == null || preview.isBlank()) {
            return "";
        }
        String oneLine = preview.replaceAll("\\s+", " ").strip();
        String cut = oneLine.codePointCount(0, oneLine.length()) > PREVIEW
                ? oneLine.substring(0, oneLine.offsetByCodePoints(0, PREVIEW)) + "…"
                : oneLine;
        return "  \"" + isolate(cut) + "\"";
    }

    /** Wraps text that contains right-to-left letters in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE. */
    public static String isolate(String text) {
        boolean rtl = text.codePoints().anyMatch(cp -> {
            byte d = Character.getDirectionality(cp);
            return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
        });
        return rtl ? "\u2068" + text + "\u2069" : text;
    }

    private static String human(Duration d) {
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
