package dev.switchboard.sla;

import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.SlaAlert;
import dev.switchboard.events.SlaClockStatus;
import dev.switchboard.events.SlaLevel;
import dev.switchboard.events.SlaMetric;
import dev.switchboard.events.SlaStatus;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.events.TicketSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The SLA clocks of one ticket and the rules that drive them (docs/sla-monitor.md):
 *
 * <ul>
 *   <li>first reply runs from creation until the first public agent reply (helpdesk or social
 *       echo); next reply runs from a customer message that follows an agent reply until the next
 *       public agent reply; resolution runs until the ticket is solved;
 *   <li>every clock pauses while the ticket is pending on the customer and resumes when the customer
 *       writes (or the ticket is set open again); a reopened ticket resumes resolution with the time
 *       it already used; solved or merged tickets stop them;
 *   <li>when the ticket's priority (or channel, tier, team) changes so that another policy or target
 *       applies, running clocks are re-targeted and later alerts say so.
 * </ul>
 *
 * Alerts fire when the business time used reaches the warning point (WARNING) or the target
 * (BREACHED), and when a breached target is finally met (MET_LATE). Each fires once: the clock
 * remembers what it fired. Event times are clamped so they never go backwards for a ticket nor
 * beyond the wall clock. Plain Java: the Kafka processor only loads, saves and forwards.
 */
final class TicketSla {
    private static final int RECENT_EVENTS = 64;

    enum Status {
        OPEN,
        PENDING,
        SOLVED
    }

    private String ticketId;
    private TicketFacts facts = TicketFacts.UNKNOWN;
    private String assignee;
    private String policy;
    private Status status = Status.OPEN;
    private boolean agentSpokeLast;
    private SlaClock firstReply;
    private SlaClock nextReply;
    private SlaClock resolution;
    private int nextReplyCycles;
    private Instant lastEventAt;
    private Instant solvedAt;
    private List<String> recentEventIds = new ArrayList<>();
    /** The key under which the ticket waits in the deadline index; kept by the processor. */
    private String deadlineKey;

    /** For the state serde. */
    private TicketSla() {}

    private TicketSla(String ticketId) {
        this.ticketId = ticketId;
    }

    /**
     * Applies an event. {@code stored} is null for a ticket this monitor does not know (never seen,
     * or forgotten after it was solved): only a creation or a reopening starts clocks for it.
     */
    static Effects onEvent(TicketSla stored, TicketEvent event, Instant now, SlaRules rules) {
        TicketEventType type = event.getType();
        if (event.getOrigin() == EventOrigin.SLA_MONITOR) {
            return Effects.ignored();
        }
        if (stored == null && type != TicketEventType.CREATED && type != TicketEventType.REOPENED) {
            return Effects.ignored();
        }
        TicketSla ticket = stored != null ? stored : new TicketSla(event.getTicketId());
        return ticket.apply(event, now, rules);
    }

    /** The wall clock passed the ticket's next deadline: fire what is due, or forget a long-solved ticket. */
    Effects onTime(Instant now, SlaRules rules) {
        Effects fx = new Effects(this, now);
        if (status == Status.SOLVED && !solvedAt.plus(rules.retainSolved()).isAfter(now)) {
            fx.forget();
            return fx;
        }
        fireDue(now, now, rules, fx);
        if (fx.hasAlerts()) {
            fx.publish(status(now, rules));
        }
        return fx;
    }

    /** When the ticket next needs the wall clock: an alert moment, or when to forget it once solved. */
    Optional<Instant> nextDeadline(SlaRules rules) {
        if (status == Status.SOLVED) {
            return Optional.of(solvedAt.plus(rules.retainSolved()));
        }
        return clocks().flatMap(c -> c.target().flatMap(t -> c.nextAlarm(rules.calendar(t))).stream())
                .map(SlaClock.Alarm::moment)
                .min(Instant::compareTo);
    }

    String ticketId() {
        return ticketId;
    }

    String deadlineKey() {
        return deadlineKey;
    }

    void deadlineKey(String key) {
        this.deadlineKey = key;
    }

    Status status() {
        return status;
    }

    // ---------------------------------------------------------------- events

    private Effects apply(TicketEvent e, Instant now, SlaRules rules) {
        if (recentEventIds.contains(e.getEventId())) {
            return Effects.ignored();
        }
        remember(e.getEventId());
        Instant t = e.getOccurredAt();
        if (lastEventAt != null && t.isBefore(lastEventAt)) {
            t = lastEventAt;
        }
        if (t.isAfter(now)) {
            t = now;
        }
        lastEventAt = t;
        Status statusBefore = status;
        Effects fx = new Effects(this, now);
        // Whatever fell due before this event happened fires first: nothing is skipped when events
        // arrive before the wall-clock check, e.g. right after a restart.
        fireDue(t, now, rules, fx);
        TicketFacts before = facts;
        learn(e);
        switch (e.getType()) {
            case CREATED -> create(t, rules);
            case CUSTOMER_MESSAGE -> customerWrote(t, rules);
            case REOPENED -> reopen(t, rules, true);
            case AGENT_REPLIED -> {
                if (e.getPublicReply()) {
                    agentReplied(t, rules, fx);
                }
            }
            case STATUS_CHANGED -> statusChanged(e.getStatus(), t, rules, fx);
            case MERGED -> merge(t, fx);
            default -> {}
        }
        if (!fx.forgotten()) {
            retarget(before, t, rules);
            fireDue(t, now, rules, fx);
        }
        if (fx.forgotten() || (status == Status.SOLVED && statusBefore != Status.SOLVED)) {
            fx.removeStatus();
        } else if (status != Status.SOLVED) {
            fx.publish(status(now, rules));
        }
        return fx;
    }

    private void remember(String eventId) {
        recentEventIds.add(eventId);
        if (recentEventIds.size() > RECENT_EVENTS) {
            recentEventIds.remove(0);
        }
    }

    /** The router describes the ticket on its events; helpdesk events carry no summary. */
    private void learn(TicketEvent e) {
        TicketSummary summary = e.getTicket();
        if (summary != null) {
            facts = TicketFacts.of(summary);
            assignee = summary.getAssignee();
        } else if (e.getType() == TicketEventType.ASSIGNED && e.getAgentId() != null) {
            assignee = e.getAgentId();
        } else if (e.getType() == TicketEventType.UNASSIGNED) {
            assignee = null;
        }
    }

    private void create(Instant t, SlaRules rules) {
        if (resolution != null) {
            return;
        }
        SlaPolicies.Policy p = rules.policies().match(facts);
        policy = p.name();
        firstReply = SlaClock.start(
                SlaMetric.FIRST_REPLY, 1, t, p.target(SlaMetric.FIRST_REPLY).orElse(null));
        resolution = SlaClock.start(
                SlaMetric.RESOLUTION, 1, t, p.target(SlaMetric.RESOLUTION).orElse(null));
        status = Status.OPEN;
    }

    private void customerWrote(Instant t, SlaRules rules) {
        if (status == Status.SOLVED) {
            reopen(t, rules, true);
            return;
        }
        if (status == Status.PENDING) {
            clocks().forEach(c -> c.resume(t));
            status = Status.OPEN;
        }
        if (agentSpokeLast) {
            startNextReply(t, rules);
        }
        agentSpokeLast = false;
    }

    /** Resumes a solved ticket's clocks; a customer's message also owes them a reply. */
    private void reopen(Instant t, SlaRules rules, boolean customerWrote) {
        if (resolution == null) {
            // Forgotten after it was solved, or solved before this monitor started: the clocks start now.
            SlaPolicies.Policy p = rules.policies().match(facts);
            policy = p.name();
            resolution = SlaClock.start(
                    SlaMetric.RESOLUTION, 1, t, p.target(SlaMetric.RESOLUTION).orElse(null));
            resolution.notes().add("clocks started at the reopening; the ticket's earlier history is not known");
            agentSpokeLast = true;
        } else {
            resolution.restart(t);
            if (firstReply != null && firstReply.phase() == SlaClock.Phase.STOPPED) {
                firstReply.restart(t);
            }
            if (!agentSpokeLast && nextReply != null && nextReply.phase() == SlaClock.Phase.STOPPED) {
                nextReply.restart(t);
            }
        }
        status = Status.OPEN;
        solvedAt = null;
        if (customerWrote) {
            if (agentSpokeLast) {
                startNextReply(t, rules);
            }
            agentSpokeLast = false;
        }
    }

    private void startNextReply(Instant t, SlaRules rules) {
        if (nextReply != null && nextReply.active()) {
            return;
        }
        nextReplyCycles++;
        Target target =
                rules.policies().match(facts).target(SlaMetric.NEXT_REPLY).orElse(null);
        nextReply = SlaClock.start(SlaMetric.NEXT_REPLY, nextReplyCycles, t, target);
        if (status == Status.PENDING) {
            nextReply.pause(t);
        }
    }

    private void agentReplied(Instant t, SlaRules rules, Effects fx) {
        meet(firstReply, t, "the first agent reply", rules, fx);
        meet(nextReply, t, "an agent reply", rules, fx);
        agentSpokeLast = true;
    }

    private void statusChanged(TicketStatus next, Instant t, SlaRules rules, Effects fx) {
        if (next == null) {
            return;
        }
        switch (next) {
            case PENDING -> {
                if (status == Status.OPEN) {
                    clocks().forEach(c -> c.pause(t));
                    status = Status.PENDING;
                }
            }
            case OPEN, NEW -> {
                if (status == Status.PENDING) {
                    clocks().forEach(c -> c.resume(t));
                    status = Status.OPEN;
                } else if (status == Status.SOLVED) {
                    // Reopened by the helpdesk, not by a customer message: no reply is owed yet.
                    reopen(t, rules, false);
                }
            }
            case SOLVED -> solve(t, rules, fx);
            case CLOSED -> {
                solve(t, rules, fx);
                // A closed ticket never reopens: nothing left to keep.
                fx.forget();
            }
            case MERGED -> merge(t, fx);
            default -> {}
        }
    }

    private void solve(Instant t, SlaRules rules, Effects fx) {
        if (status == Status.SOLVED) {
            return;
        }
        meet(resolution, t, "solving the ticket", rules, fx);
        Stream.of(firstReply, nextReply).filter(Objects::nonNull).forEach(c -> c.end(t, SlaClock.Phase.STOPPED));
        status = Status.SOLVED;
        solvedAt = t;
    }

    private void merge(Instant t, Effects fx) {
        clocks().forEach(c -> c.end(t, SlaClock.Phase.STOPPED));
        fx.forget();
    }

    private void meet(SlaClock clock, Instant t, String how, SlaRules rules, Effects fx) {
        if (clock == null || !clock.active()) {
            return;
        }
        clock.end(t, SlaClock.Phase.MET);
        Optional<Target> target = clock.target();
        if (target.isEmpty() || !clock.breached()) {
            return;
        }
        Optional<Instant> due = clock.dueAt(rules.calendar(target.get()));
        if (due.isPresent() && t.isAfter(due.get()) && clock.markMetLate()) {
            Duration late = Duration.between(due.get(), t);
            // Late by how long the target was missed; fired late only if the event was processed late.
            boolean processedLate = Duration.between(t, fx.now()).compareTo(rules.lateAfter()) > 0;
            fx.alert(alert(
                    clock,
                    SlaLevel.MET_LATE,
                    due.get(),
                    fx.now(),
                    late,
                    processedLate,
                    List.of("met " + Texts.duration(late) + " late by " + how + " at " + t)));
        }
    }

    /** Re-targets running clocks when the ticket now falls under another policy or target. */
    private void retarget(TicketFacts before, Instant t, SlaRules rules) {
        SlaPolicies.Policy p = rules.policies().match(facts);
        String why = facts.changesSince(before);
        String previousPolicy = policy;
        policy = p.name();
        clocks().filter(SlaClock::active).forEach(c -> {
            Target next = p.target(c.metric()).orElse(null);
            Target current = c.target().orElse(null);
            if (!Objects.equals(next, current)) {
                c.retarget(
                        next,
                        "re-targeted at " + t + (why.isEmpty() ? "" : " after " + why) + ": "
                                + (previousPolicy == null || previousPolicy.equals(p.name())
                                        ? "policy " + p.name()
                                        : "policy " + previousPolicy + " → " + p.name())
                                + ", " + metricText(c.metric()) + " " + describe(current) + " → " + describe(next));
            }
        });
    }

    private static String describe(Target t) {
        return t == null ? "no target" : t.minutes() + " business minutes on " + t.calendar();
    }

    // ---------------------------------------------------------------- alerts

    /** Fires, in time order, every alert whose moment is at or before {@code upTo}; {@code now} is when. */
    private void fireDue(Instant upTo, Instant now, SlaRules rules, Effects fx) {
        while (true) {
            SlaClock clock = null;
            SlaClock.Alarm alarm = null;
            for (SlaClock c : clocks().toList()) {
                Optional<SlaClock.Alarm> a = c.target().flatMap(t -> c.nextAlarm(rules.calendar(t)));
                if (a.isPresent()
                        && !a.get().moment().isAfter(upTo)
                        && (alarm == null || a.get().moment().isBefore(alarm.moment()))) {
                    clock = c;
                    alarm = a.get();
                }
            }
            if (clock == null) {
                return;
            }
            fire(clock, alarm, now, rules, fx);
        }
    }

    private void fire(SlaClock clock, SlaClock.Alarm alarm, Instant now, SlaRules rules, Effects fx) {
        Target target = clock.target().orElseThrow();
        BusinessCalendar calendar = rules.calendar(target);
        Instant due = clock.dueAt(calendar).orElse(alarm.moment());
        Duration late = now.isAfter(alarm.moment()) ? Duration.between(alarm.moment(), now) : Duration.ZERO;
        boolean firedLate = late.compareTo(rules.lateAfter()) > 0;
        List<String> extra = new ArrayList<>();
        if (firedLate) {
            extra.add("fired " + Texts.duration(late) + " after its moment (" + alarm.moment()
                    + "): the monitor was not running or was behind");
        }
        if (alarm.level() == SlaLevel.WARNING) {
            clock.markWarned();
            Duration left = calendar.businessTimeBetween(alarm.moment(), due);
            extra.add(0, "warns " + Texts.duration(left) + " of business time before the due time " + due);
            fx.alert(alert(clock, SlaLevel.WARNING, due, now, late, firedLate, extra));
            return;
        }
        clock.markBreached();
        SlaAlert breach = alert(clock, SlaLevel.BREACHED, due, now, late, firedLate, extra);
        fx.alert(breach);
        if (target.onBreach() != BreachAction.NONE) {
            fx.escalate(escalation(clock, target, breach, now));
        }
    }

    private SlaAlert alert(
            SlaClock clock,
            SlaLevel level,
            Instant due,
            Instant now,
            Duration lateBy,
            boolean firedLate,
            List<String> extraNotes) {
        Target target = clock.target().orElseThrow();
        List<String> notes = new ArrayList<>();
        notes.add(metricText(clock.metric()) + ": " + target.describe());
        notes.addAll(clock.notes());
        notes.addAll(extraNotes);
        return SlaAlert.newBuilder()
                .setAlertId(ticketId + ":" + clock.metric() + ":" + level + ":" + clock.cycle())
                .setTicketId(ticketId)
                .setMetric(clock.metric())
                .setLevel(level)
                .setPolicy(target.policy())
                .setCalendar(target.calendar())
                .setTargetMinutes(target.minutes())
                .setDueAt(due)
                .setFiredAt(now)
                .setLateByMillis(lateBy.toMillis())
                .setFiredLate(firedLate)
                .setAssignee(assignee)
                .setTeam(facts.team())
                .setPriority(facts.priority())
                .setChannel(facts.channel())
                .setNotes(notes)
                .build();
    }

    private TicketEvent escalation(SlaClock clock, Target target, SlaAlert breach, Instant now) {
        return TicketEvent.newBuilder()
                .setEventId("sla:" + breach.getAlertId())
                .setTicketId(ticketId)
                .setType(TicketEventType.SLA_ESCALATION)
                .setOrigin(EventOrigin.SLA_MONITOR)
                .setOccurredAt(now)
                .setAgentId(assignee)
                .setReasons(List.of(metricText(clock.metric()) + " target breached at " + breach.getDueAt() + ": "
                        + target.describe()))
                .setAttributes(Map.of(
                        "metric", clock.metric().name(),
                        "policy", target.policy(),
                        "action", target.onBreach().value(),
                        "alertId", breach.getAlertId(),
                        "dueAt", breach.getDueAt().toString(),
                        "calendar", target.calendar()))
                .build();
    }

    /** The ticket's SLA state for dashboards, as of {@code now}. */
    SlaStatus status(Instant now, SlaRules rules) {
        List<SlaClockStatus> states = clocks().filter(c -> c.target().isPresent())
                .map(c -> {
                    Target target = c.target().get();
                    BusinessCalendar calendar = rules.calendar(target);
                    Duration left = target.duration().minus(c.used(calendar, c.asOf(now)));
                    return SlaClockStatus.newBuilder()
                            .setMetric(c.metric())
                            .setState(c.state())
                            .setPolicy(target.policy())
                            .setCalendar(target.calendar())
                            .setTargetMinutes(target.minutes())
                            .setStartedAt(c.startedAt())
                            .setDueAt(c.dueAt(calendar).orElse(null))
                            .setRemainingMillis(left.toMillis())
                            .build();
                })
                .toList();
        return SlaStatus.newBuilder()
                .setTicketId(ticketId)
                .setClocks(states)
                .setPaused(status == Status.PENDING)
                .setUpdatedAt(now)
                .build();
    }

    private Stream<SlaClock> clocks() {
        return Stream.of(firstReply, nextReply, resolution).filter(Objects::nonNull);
    }

    static String metricText(SlaMetric metric) {
        return metric.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
