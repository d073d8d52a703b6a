package dev.switchboard.router.assignment;

import dev.switchboard.events.Agent;
import dev.switchboard.events.AgentPresence;
import dev.switchboard.events.Assignment;
import dev.switchboard.events.AssignmentAction;
import dev.switchboard.events.EventOrigin;
import dev.switchboard.events.PresenceStatus;
import dev.switchboard.events.Priority;
import dev.switchboard.events.SlaClockState;
import dev.switchboard.events.SlaClockStatus;
import dev.switchboard.events.SlaStatus;
import dev.switchboard.events.TicketEvent;
import dev.switchboard.events.TicketEventType;
import dev.switchboard.events.TicketStatus;
import dev.switchboard.events.TicketSummary;
import dev.switchboard.router.assignment.AssignmentState.Waiting;
import dev.switchboard.router.assignment.AssignmentState.Wakeup;
import dev.switchboard.router.assignment.Choice.Candidate;
import dev.switchboard.router.assignment.Choice.Chosen;
import dev.switchboard.router.assignment.Choice.Preference;
import dev.switchboard.router.assignment.Eligibility.Eligible;
import dev.switchboard.router.assignment.Eligibility.NotEligible;
import dev.switchboard.router.assignment.Eligibility.Verdict;
import dev.switchboard.router.config.AssignmentSettings;
import dev.switchboard.router.config.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assignment of one routing group's tickets to its agents: what happens to the group's state on
 * each input (a ticket event, an SLA status, an agent record, a presence report) and on the wall
 * clock (shifts starting and ending, reply deadlines), and the decisions that follow.
 *
 * <ul>
 *   <li>A new ticket goes to an eligible agent ({@link Eligibility}, {@link Choice}) or waits in
 *       the group's queue, in the bucket of its {@link TicketNeeds}, in {@link QueueOrder}.
 *   <li>The queue is drained for an agent the moment it may have become able to take a ticket:
 *       capacity freed (solved, pending, merged, reassigned), back online, shift started, agent
 *       added or changed. Draining reads only the heads of the buckets the agent can serve, so a
 *       decision costs a few range reads whatever the queue's length.
 *   <li>Tickets are taken back and go to someone else (or the queue) when the assignee goes
 *       offline, their shift ends or time off starts while they have not replied since the
 *       assignment, when they have not replied within {@code reply-within}, when the ticket now
 *       needs what they cannot give (an escalation's role), when they leave, or on request (the
 *       helpdesk, an SLA breach). A reopened ticket goes back to its last agent if eligible.
 *   <li>Every decision is written twice: an {@link Assignment} with its explanation and a {@link
 *       TicketEvent} (ASSIGNED, QUEUED, UNASSIGNED) whose summary carries the assignee.
 * </ul>
 *
 * <p>Plain Java over {@link AssignmentState}: the Kafka Streams processor is glue.
 */
public final class AssignmentEngine {
    private static final int SNAPSHOT_HEADS = 50;
    public static final String STAGE = "stage";
    public static final String STAGE_VALUE = "assignment";
    /** Attribute of a PRIORITY_CHANGED this engine wrote: the priority an SLA breach raised the ticket to. */
    public static final String PRIORITY_FLOOR = "priority-floor";

    static final String CALENDAR = "calendar";
    static final String REPLY = "reply";
    static final String FORGET = "forget";
    static final String STICKY = "sticky";

    private static final Logger log = LoggerFactory.getLogger(AssignmentEngine.class);
    private static final int LOOKAHEAD = 16;
    private static final int POSITION_CAP = 100;
    private static final int WAKEUPS_PER_CHECK = 10_000;

    private final AssignmentSettings settings;
    private final Duration retainSolved;
    private final AssignmentState state;
    private final Decisions out;
    private final Eligibility eligibility;
    private final Explanations explain;
    private final Map<String, Cached> profiles = new HashMap<>();

    private record Cached(Agent agent, AgentProfile profile) {}

    /** Per group and agent: the stored record a moment was derived from, and the moment. */
    private final Map<String, Map<String, StoredMoment>> moments = new HashMap<>();

    private record StoredMoment(AgentRecord record, AgentNow now) {}

    /** Why a decision is being made and whom it prefers. */
    private record Context(
            List<String> rules, Optional<String> previous, Optional<String> requested, boolean reopened) {
        static Context of(String rule) {
            return new Context(List.of(rule), Optional.empty(), Optional.empty(), false);
        }

        static Context none() {
            return new Context(List.of(), Optional.empty(), Optional.empty(), false);
        }
    }

    /**
     * @param retainSolved how long a solved ticket is remembered, for a reopen to go back to its agent
     */
    public AssignmentEngine(AssignmentSettings settings, Duration retainSolved, AssignmentState state, Decisions out) {
        this.settings = settings;
        this.retainSolved = retainSolved;
        this.state = state;
        this.out = out;
        this.eligibility = new Eligibility(settings);
        this.explain = new Explanations(settings);
    }

    // ================================================================== inputs

    /** A ticket event of this group: the router's (with its summary), the helpdesk's, the SLA monitor's. */
    public void ticketEvent(String group, TicketEvent e, Instant now) {
        Group g = new Group(group, now);
        Optional<TicketRecord> found = state.ticket(group, e.getTicketId());
        TicketSummary summary = e.getTicket();
        if (summary != null && !group.equals(summary.getRoutingGroup())) {
            found.ifPresent(t -> leave(g, t));
            return;
        }
        switch (e.getOrigin()) {
            case ROUTER -> fromRouter(g, found, e);
            case HELPDESK, SOCIAL_ECHO -> found.ifPresent(t -> fromHelpdesk(g, t, e));
            case SLA_MONITOR -> found.ifPresent(t -> fromSla(g, t, e));
            default -> log.debug("Ignoring {} of {} from {}", e.getType(), e.getTicketId(), e.getOrigin());
        }
    }

    /** The SLA monitor's clocks for a ticket: its due time orders the queue. */
    public void slaStatus(String group, SlaStatus status, Instant now) {
        Group g = new Group(group, now);
        state.ticket(group, status.getTicketId()).ifPresent(t -> {
            long due = earliestDue(status);
            if (due != t.dueAt) {
                t.dueAt = due;
                requeue(g, t);
                save(g, t);
            }
        });
    }

    /** An agent record; one naming another routing group means the agent left this one. */
    public void agent(String group, Agent agent, Instant now) {
        Group g = new Group(group, now);
        String id = agent.getId();
        AgentRecord rec = g.record(id);
        if (!group.equals(agent.getRoutingGroup())) {
            if (rec != null) {
                removeAgent(
                        g,
                        id,
                        rec,
                        agent.getRoutingGroup().isEmpty()
                                ? id + " was removed"
                                : id + " moved to routing group " + agent.getRoutingGroup());
            }
            return;
        }
        if (rec == null) {
            rec = new AgentRecord();
        }
        rec.agent = agent;
        g.save(id, rec);
        AgentProfile p = profile(group, agent);
        if (!p.active()) {
            for (String ticket : List.copyOf(rec.open.keySet())) {
                state.ticket(group, ticket).ifPresent(t -> reassign(g, t, id + " is no longer active", false, null));
            }
        } else {
            for (String ticket : List.copyOf(rec.open.keySet())) {
                state.ticket(group, ticket).ifPresent(t -> {
                    if (!eligibility.canServe(p, needs(t)) && notRepliedSinceAssigned(t)) {
                        reassign(g, t, id + "'s skills changed", false, null);
                    }
                });
            }
            if (!p.shifts().onShift(now)) {
                takeBackUnanswered(g, id, absenceText(id, p, now));
            }
        }
        schedule(g, id);
        drainFor(g, id);
    }

    /** A presence report, for an agent of this group. */
    public void presence(String group, AgentPresence p, Instant now) {
        Group g = new Group(group, now);
        String id = p.getAgentId();
        AgentRecord rec = g.record(id);
        if (rec == null) {
            // The presence may arrive before the agent record: keep it for when it comes.
            rec = new AgentRecord();
        }
        long at = p.getChangedAt().toEpochMilli();
        if (at < rec.presenceAt) {
            return;
        }
        PresenceStatus before = presenceOf(rec);
        rec.presence = p.getStatus();
        rec.presenceAt = at;
        g.save(id, rec);
        if (rec.agent == null) {
            return;
        }
        PresenceStatus after = presenceOf(rec);
        if (after == PresenceStatus.ONLINE) {
            drainFor(g, id);
        } else if (after == PresenceStatus.OFFLINE && before != PresenceStatus.OFFLINE) {
            takeBackUnanswered(g, id, id + " went offline before replying");
        }
    }

    /** What ops watch of a routing group: its queue and its agents, at {@code now}. */
    public record GroupSnapshot(long waiting, Duration oldestWait, int agentsOnline, int agentsOnShift) {}

    /**
     * The group's snapshot. The oldest wait is read from the first {@value #SNAPSHOT_HEADS} tickets
     * of each bucket (the queue is ordered by priority first), so it never scans a long queue.
     */
    public GroupSnapshot snapshot(String group, Instant now) {
        long waiting = 0;
        long oldest = now.toEpochMilli();
        for (AssignmentState.Bucket bucket : state.buckets(group)) {
            waiting += bucket.size();
            for (AssignmentState.Waiting w : state.heads(group, bucket.signature(), SNAPSHOT_HEADS)) {
                Optional<TicketRecord> t = state.ticket(group, w.ticketId());
                if (t.isPresent() && t.get().queuedAt > 0) {
                    oldest = Math.min(oldest, t.get().queuedAt);
                }
            }
        }
        int online = 0;
        int onShift = 0;
        for (AgentRecord rec : state.storedAgents(group).values()) {
            if (rec.agent == null) {
                continue;
            }
            if (rec.presence == PresenceStatus.ONLINE) {
                online++;
            }
            if (profile(group, rec.agent).shifts().onShift(now)) {
                onShift++;
            }
        }
        return new GroupSnapshot(waiting, Duration.ofMillis(now.toEpochMilli() - oldest), online, onShift);
    }

    /** The wall-clock check: shifts that started or ended, reply deadlines, expiries. */
    public void check(Instant now) {
        for (Wakeup w : state.due(now, WAKEUPS_PER_CHECK)) {
            state.cancel(w);
            Group g = new Group(w.group(), now);
            switch (w.kind()) {
                case CALENDAR -> calendarChanged(g, w);
                case REPLY -> replyDue(g, w);
                case FORGET -> forget(g, w);
                case STICKY -> stickyExpired(g, w);
                default -> log.warn("Unknown wakeup kind {} for {}", w.kind(), w.id());
            }
        }
    }

    // ================================================================== ticket events

    private void fromRouter(Group g, Optional<TicketRecord> found, TicketEvent e) {
        TicketSummary s = e.getTicket();
        if (s == null) {
            return;
        }
        if (found.isEmpty()) {
            // Only a customer writing makes an unknown ticket one to assign: a note or a bounce on a
            // ticket closed (and forgotten) must not bring it back.
            boolean customerWrote = e.getType() == TicketEventType.CREATED
                    || e.getType() == TicketEventType.CUSTOMER_MESSAGE
                    || e.getType() == TicketEventType.REOPENED;
            if (!customerWrote || !isActive(s.getStatus())) {
                return;
            }
            TicketRecord t = new TicketRecord();
            t.ticketId = e.getTicketId();
            t.createdAt = Optional.ofNullable(s.getCreatedAt())
                    .orElse(e.getOccurredAt())
                    .toEpochMilli();
            t.status = s.getStatus() == TicketStatus.NEW ? TicketStatus.NEW : TicketStatus.OPEN;
            t.sourceReceivedAt = Optional.ofNullable(e.getSourceReceivedAt())
                    .orElse(e.getOccurredAt())
                    .toEpochMilli();
            t.summary = TicketSummary.newBuilder(s).setAssignee(null).build();
            // A ticket that moved here from another group may name its agent there.
            Optional<String> before = Optional.ofNullable(s.getAssignee());
            decide(g, t, new Context(List.of(), before, Optional.empty(), false));
            return;
        }
        TicketRecord t = found.get();
        TicketNeeds needsBefore = needs(t);
        Priority priorityBefore = t.summary.getPriority();
        t.summary = merged(s, t);
        if (e.getSourceReceivedAt() != null
                && (e.getType() == TicketEventType.CUSTOMER_MESSAGE || e.getType() == TicketEventType.REOPENED)) {
            t.sourceReceivedAt = e.getSourceReceivedAt().toEpochMilli();
        }
        boolean customerWrote =
                e.getType() == TicketEventType.CUSTOMER_MESSAGE || e.getType() == TicketEventType.REOPENED;
        if (customerWrote && t.status == TicketStatus.PENDING) {
            resume(g, t, "the customer wrote back");
        } else if (customerWrote && t.status == TicketStatus.SOLVED) {
            reopen(g, t);
        } else {
            changed(g, t, needsBefore, priorityBefore);
        }
    }

    private void fromHelpdesk(Group g, TicketRecord t, TicketEvent e) {
        switch (e.getType()) {
            case AGENT_REPLIED -> {
                if (e.getPublicReply()) {
                    t.lastReplyAt = Math.max(t.lastReplyAt, e.getOccurredAt().toEpochMilli());
                    save(g, t);
                }
            }
            case STATUS_CHANGED -> statusChanged(g, t, e.getStatus());
            case MERGED -> close(g, t);
            case REASSIGN_REQUESTED -> reassignRequested(g, t, e);
            default -> log.debug("Ignoring helpdesk {} of {}", e.getType(), t.ticketId);
        }
    }

    private void statusChanged(Group g, TicketRecord t, TicketStatus status) {
        if (status == null) {
            return;
        }
        switch (status) {
            case PENDING -> pending(g, t);
            case OPEN -> {
                if (t.status == TicketStatus.PENDING) {
                    resume(g, t, "set open by the helpdesk");
                } else if (t.status == TicketStatus.SOLVED) {
                    reopen(g, t);
                }
            }
            case SOLVED -> solve(g, t);
            case CLOSED, MERGED -> close(g, t);
            default -> log.debug("Ignoring status {} of {}", status, t.ticketId);
        }
    }

    private void reassignRequested(Group g, TicketRecord t, TicketEvent e) {
        if (!isActive(t.status)) {
            return;
        }
        String to = e.getAttributes().get("toAgent");
        String why = Optional.ofNullable(e.getAttributes().get("reason"))
                .filter(r -> !r.isBlank())
                .map(r -> " (" + r + ")")
                .orElse("");
        if (t.assignee == null) {
            if (to != null && t.queued()) {
                decide(
                        g,
                        t,
                        new Context(List.of("reassign requested" + why), Optional.empty(), Optional.of(to), false));
            }
            return;
        }
        String from = Optional.ofNullable(e.getAgentId()).orElse(t.assignee);
        reassign(g, t, from + " asked to hand it over" + why, true, to);
    }

    private void fromSla(Group g, TicketRecord t, TicketEvent e) {
        if (e.getType() != TicketEventType.SLA_ESCALATION || !isActive(t.status)) {
            return;
        }
        Map<String, String> a = e.getAttributes();
        String what = "SLA "
                + a.getOrDefault("metric", "target").toLowerCase(Locale.ROOT).replace('_', ' ') + " breached (policy "
                + a.getOrDefault("policy", "?") + ")";
        switch (a.getOrDefault("action", "")) {
            case "raise-priority" -> raise(g, t, what);
            case "reassign" -> {
                if (t.assignee != null) {
                    reassign(g, t, what + ", taken from " + t.assignee, true, null);
                } else {
                    log.info("{} waits in the queue; the SLA reassign finds no assignee", t.ticketId);
                }
            }
            case "notify-lead" -> notifyLeads(g, t, what);
            default -> log.debug("Ignoring SLA action {} on {}", a.get("action"), t.ticketId);
        }
    }

    // ================================================================== ticket transitions

    /** The router's summary changed: a new need may mean another agent, a new priority another place. */
    private void changed(Group g, TicketRecord t, TicketNeeds before, Priority priorityBefore) {
        TicketNeeds after = needs(t);
        boolean needsChanged = !after.equals(before);
        if (!isActive(t.status)) {
            save(g, t);
        } else if (t.queued()) {
            if (needsChanged) {
                decide(g, t, Context.of("the ticket now needs " + difference(before, after)));
            } else {
                if (priorityBefore != t.summary.getPriority()) {
                    requeue(g, t);
                }
                save(g, t);
            }
        } else if (t.assignee != null) {
            AgentNow a = g.now(t.assignee);
            if (needsChanged && (a == null || !eligibility.canServe(a.profile(), after))) {
                Verdict v = a == null ? null : eligibility.check(a, after, g.now, Optional.empty());
                String whyNot = v instanceof NotEligible n ? ", which " + t.assignee + " is not: " + n.label() : "";
                reassign(g, t, "the ticket now needs " + difference(before, after) + whyNot, false, null);
            } else {
                save(g, t);
            }
        } else if (t.status != TicketStatus.PENDING) {
            // An open ticket is always assigned or waiting; this one lost its agent.
            decide(g, t, Context.none());
        } else {
            save(g, t);
        }
    }

    private void pending(Group g, TicketRecord t) {
        if (!isActive(t.status)) {
            return;
        }
        t.status = TicketStatus.PENDING;
        dequeue(t);
        String freed = t.assignee;
        if (freed != null) {
            AgentRecord rec = g.record(freed);
            if (rec != null) {
                rec.open.remove(t.ticketId);
                rec.pending.add(t.ticketId);
                g.save(freed, rec);
            }
        }
        save(g, t);
        if (freed != null) {
            drainFor(g, freed);
        }
    }

    /** Pending → open: the ticket counts for its agent again if they can take it now; else someone else. */
    private void resume(Group g, TicketRecord t, String why) {
        t.status = TicketStatus.OPEN;
        if (t.assignee != null) {
            AgentNow a = g.now(t.assignee);
            if (a != null) {
                Verdict v = eligibility.check(a, needs(t), g.now, Optional.empty());
                if (v.eligible()) {
                    AgentRecord rec = g.record(t.assignee);
                    rec.pending.remove(t.ticketId);
                    rec.open.put(t.ticketId, needs(t).kind());
                    g.save(t.assignee, rec);
                    save(g, t);
                    return;
                }
                reassign(g, t, why + " while " + t.assignee + " is " + ((NotEligible) v).label(), false, null);
                return;
            }
        }
        t.assignee = null;
        decide(g, t, Context.of(why));
    }

    private void reopen(Group g, TicketRecord t) {
        t.status = TicketStatus.OPEN;
        t.solvedAt = 0;
        decide(g, t, new Context(List.of("reopened"), Optional.empty(), Optional.empty(), true));
    }

    private void solve(Group g, TicketRecord t) {
        if (t.status == TicketStatus.SOLVED) {
            return;
        }
        String freed = t.assignee;
        release(g, t);
        dequeue(t);
        t.lastAgent = freed != null ? freed : t.lastAgent;
        t.assignee = null;
        t.status = TicketStatus.SOLVED;
        t.solvedAt = g.now.toEpochMilli();
        state.wake(new Wakeup(g.now.plus(retainSolved), g.name, FORGET, t.ticketId));
        save(g, t);
        if (freed != null) {
            drainFor(g, freed);
        }
    }

    private void close(Group g, TicketRecord t) {
        String freed = t.assignee;
        release(g, t);
        dequeue(t);
        state.deleteTicket(g.name, t.ticketId);
        if (freed != null) {
            drainFor(g, freed);
        }
    }

    /** The ticket moved to another routing group: this one forgets it and frees its agent. */
    private void leave(Group g, TicketRecord t) {
        log.debug("{} left routing group {}", t.ticketId, g.name);
        close(g, t);
    }

    /** Takes the ticket from its assignee and gives it to someone else, or queues it. */
    private void reassign(Group g, TicketRecord t, String why, boolean notThemAgain, String requested) {
        String previous = t.assignee;
        release(g, t);
        t.assignee = null;
        t.handedBackBy = notThemAgain ? previous : null;
        if (t.status == TicketStatus.PENDING) {
            // Nobody has to answer it now: it loses its agent and is assigned when the customer writes.
            t.summary = withAssignee(t.summary, null);
            if (previous != null) {
                unassigned(g, t, previous, List.of("unassigned: " + why));
            }
            save(g, t);
            return;
        }
        decide(
                g,
                t,
                new Context(
                        List.of("reassigned: " + why),
                        Optional.ofNullable(previous),
                        Optional.ofNullable(requested),
                        false));
        if (previous != null) {
            drainFor(g, previous);
        }
    }

    private void raise(Group g, TicketRecord t, String what) {
        Priority before = t.summary.getPriority();
        if (before == Priority.URGENT) {
            log.info("{} is already urgent; {}", t.ticketId, what);
            return;
        }
        Priority after = Priority.values()[before.ordinal() + 1];
        t.priorityFloor = after.ordinal();
        t.summary = TicketSummary.newBuilder(t.summary).setPriority(after).build();
        requeue(g, t);
        emitEvent(
                g,
                t,
                TicketEventType.PRIORITY_CHANGED,
                null,
                List.of(before + " -> " + after + ": " + what),
                Map.of(PRIORITY_FLOOR, after.name()));
        save(g, t);
    }

    private void notifyLeads(Group g, TicketRecord t, String what) {
        String team = needs(t).team();
        List<AgentNow> leads = g.agents().stream()
                .filter(a -> a.profile().active())
                .filter(a -> a.profile().roles().stream().anyMatch(settings.leadRoles()::contains))
                .toList();
        List<AgentNow> ofTeam = leads.stream()
                .filter(a -> team.isEmpty() || a.profile().teams().contains(team))
                .toList();
        List<AgentNow> notified = ofTeam.isEmpty() ? leads : ofTeam;
        List<String> reasons = new ArrayList<>();
        if (notified.isEmpty()) {
            reasons.add(
                    what + ": no lead (" + String.join(", ", settings.leadRoles()) + ") in routing group " + g.name);
        } else {
            List<String> names = new ArrayList<>();
            for (AgentNow a : notified) {
                String roles = a.profile().roles().stream()
                        .filter(settings.leadRoles()::contains)
                        .sorted()
                        .reduce((x, y) -> x + ", " + y)
                        .orElse("");
                names.add(a.profile().name() + " (" + a.id() + ", " + roles + ", "
                        + (a.profile().shifts().onShift(g.now) ? "on shift" : "off shift") + ")");
            }
            reasons.add(what + ": the team's leads should look at it: " + String.join("; ", names));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("note", "sla-notify-lead");
        attributes.put(
                "leads", String.join(",", notified.stream().map(AgentNow::id).toList()));
        emitEvent(g, t, TicketEventType.NOTE_ADDED, null, reasons, attributes);
        save(g, t);
    }

    // ================================================================== agents

    private void removeAgent(Group g, String id, AgentRecord rec, String why) {
        if (rec.wakeupAt != 0) {
            state.cancel(new Wakeup(Instant.ofEpochMilli(rec.wakeupAt), g.name, CALENDAR, id));
        }
        List<String> open = List.copyOf(rec.open.keySet());
        List<String> pending = List.copyOf(rec.pending);
        g.remove(id);
        profiles.remove(g.name + AssignmentState.SEP + id);
        for (String ticket : open) {
            state.ticket(g.name, ticket).ifPresent(t -> reassign(g, t, why, false, null));
        }
        for (String ticket : pending) {
            state.ticket(g.name, ticket).ifPresent(t -> {
                // Nobody has to answer a pending ticket now; when the customer writes, it is assigned again.
                t.assignee = null;
                t.summary = withAssignee(t.summary, null);
                unassigned(g, t, id, List.of("unassigned: " + why));
                save(g, t);
            });
        }
    }

    /** Tickets the agent has not answered since they got them go to someone else. */
    private void takeBackUnanswered(Group g, String agentId, String why) {
        AgentRecord rec = g.record(agentId);
        if (rec == null) {
            return;
        }
        for (String ticket : List.copyOf(rec.open.keySet())) {
            state.ticket(g.name, ticket)
                    .filter(AssignmentEngine::notRepliedSinceAssigned)
                    .ifPresent(t -> reassign(g, t, why, false, null));
        }
    }

    private void calendarChanged(Group g, Wakeup w) {
        AgentRecord rec = g.record(w.id());
        if (rec == null || rec.agent == null || rec.wakeupAt != w.at().toEpochMilli()) {
            return;
        }
        rec.wakeupAt = 0;
        g.save(w.id(), rec);
        AgentProfile p = profile(g.name, rec.agent);
        if (p.shifts().onShift(g.now)) {
            drainFor(g, w.id());
        } else {
            takeBackUnanswered(g, w.id(), absenceText(w.id(), p, g.now));
        }
        schedule(g, w.id());
    }

    /** Wakes the wall-clock check when the agent's calendar next changes (a shift starts or ends). */
    private void schedule(Group g, String id) {
        AgentRecord rec = g.record(id);
        if (rec == null || rec.agent == null) {
            return;
        }
        if (rec.wakeupAt != 0) {
            state.cancel(new Wakeup(Instant.ofEpochMilli(rec.wakeupAt), g.name, CALENDAR, id));
        }
        Optional<Instant> next = profile(g.name, rec.agent).shifts().nextChange(g.now);
        rec.wakeupAt = next.map(Instant::toEpochMilli).orElse(0L);
        next.ifPresent(at -> state.wake(new Wakeup(at, g.name, CALENDAR, id)));
        g.save(id, rec);
    }

    private void replyDue(Group g, Wakeup w) {
        int sep = w.id().lastIndexOf(AssignmentState.SEP);
        String ticket = w.id().substring(0, sep);
        int seq = Integer.parseInt(w.id().substring(sep + 1));
        state.ticket(g.name, ticket)
                .filter(t -> t.assignee != null && t.assignedSeq == seq && isActive(t.status))
                .filter(t -> t.status != TicketStatus.PENDING && notRepliedSinceAssigned(t))
                .ifPresent(t -> reassign(
                        g,
                        t,
                        t.assignee + " did not reply within " + DurationText.of(settings.replyWithin()),
                        true,
                        null));
    }

    private void forget(Group g, Wakeup w) {
        state.ticket(g.name, w.id())
                .filter(t -> t.status == TicketStatus.SOLVED)
                .filter(t -> t.solvedAt + retainSolved.toMillis() <= g.now.toEpochMilli())
                .ifPresent(t -> state.deleteTicket(g.name, t.ticketId));
    }

    private void stickyExpired(Group g, Wakeup w) {
        settings.sticky()
                .ifPresent(window -> state.sticky(g.name, w.id())
                        .filter(s -> !s.at().plus(window).isAfter(g.now))
                        .ifPresent(s -> state.deleteSticky(g.name, w.id())));
    }

    // ================================================================== deciding

    /** The ticket goes to the best eligible agent, or waits. */
    private void decide(Group g, TicketRecord t, Context ctx) {
        TicketNeeds needs = needs(t);
        List<AgentNow> agents = g.agents();
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        List<Candidate> eligible = new ArrayList<>();
        Optional<String> handedBack = Optional.ofNullable(t.handedBackBy);
        for (AgentNow a : agents) {
            Verdict v = eligibility.check(a, needs, g.now, handedBack);
            verdicts.put(a.id(), v);
            if (v instanceof Eligible e) {
                eligible.add(new Candidate(a, e.fallbackLanguage()));
            }
        }
        List<String> rules = new ArrayList<>(ctx.rules());
        escalationRule(t)
                .ifPresent(rule -> rules.add(
                        "escalation " + rule + " requires a " + needs.role().orElse("")));
        if (t.queued()) {
            rules.add("from the queue after " + DurationText.of(waited(g, t)));
        }
        List<Preference> preferences = preferences(g, t, ctx);
        if (eligible.isEmpty()) {
            preferences.forEach(p -> rules.add(notApplied(p, verdicts)));
            queue(g, t, needs, agents, verdicts, rules, ctx);
            return;
        }
        Chosen chosen = Choice.choose(eligible, preferences);
        for (Preference p : preferences) {
            if (p.agentId().equals(chosen.agent().id())) {
                break;
            }
            rules.add(notApplied(p, verdicts));
        }
        rules.addAll(chosen.rules());
        assign(g, t, chosen.agent(), needs, verdicts, rules, ctx);
    }

    private List<Preference> preferences(Group g, TicketRecord t, Context ctx) {
        List<Preference> out = new ArrayList<>();
        ctx.requested().ifPresent(a -> out.add(new Preference(a, "requested: " + a)));
        if (ctx.reopened() && t.lastAgent != null) {
            out.add(new Preference(t.lastAgent, "reopened: back to " + t.lastAgent));
        }
        settings.sticky()
                .ifPresent(window -> customerKey(t.summary)
                        .flatMap(c -> state.sticky(g.name, c))
                        .filter(s -> !s.at().plus(window).isBefore(g.now))
                        .filter(s -> !s.agentId().equals(t.handedBackBy)
                                && !ctx.previous().equals(Optional.of(s.agentId())))
                        .filter(s -> out.stream().noneMatch(p -> p.agentId().equals(s.agentId())))
                        .ifPresent(s -> out.add(new Preference(
                                s.agentId(),
                                "sticky: " + s.agentId() + " had this customer " + Explanations.ago(s.at(), g.now)
                                        + " (window " + DurationText.of(window) + ")"))));
        return out;
    }

    private static String notApplied(Preference p, Map<String, Verdict> verdicts) {
        Verdict v = verdicts.get(p.agentId());
        String why = v == null
                ? "is not in this routing group"
                : v instanceof NotEligible n ? "is " + n.label() : "speaks only a fallback language";
        return p.rule() + " not applied: " + p.agentId() + " " + why;
    }

    private void assign(
            Group g,
            TicketRecord t,
            AgentNow agent,
            TicketNeeds needs,
            Map<String, Verdict> verdicts,
            List<String> rules,
            Context ctx) {
        List<String> explanation = explain.chosen(agent, needs, escalationRule(t), g.now);
        AgentRecord rec = g.record(agent.id());
        rec.open.put(t.ticketId, needs.kind());
        rec.pending.remove(t.ticketId);
        rec.lastAssignedAt = g.now.toEpochMilli();
        g.save(agent.id(), rec);
        dequeue(t);
        t.assignee = agent.id();
        t.assignedAt = g.now.toEpochMilli();
        t.lastAgent = agent.id();
        t.handedBackBy = null;
        t.summary = withAssignee(t.summary, agent.id());
        settings.sticky()
                .ifPresent(window -> customerKey(t.summary).ifPresent(c -> {
                    state.putSticky(g.name, c, agent.id(), g.now);
                    state.wake(new Wakeup(g.now.plus(window), g.name, STICKY, c));
                }));
        String previous = ctx.previous().filter(p -> !p.equals(agent.id())).orElse(null);
        int n = ++t.seq;
        t.assignedSeq = n;
        settings.replyDeadline()
                .ifPresent(d ->
                        state.wake(new Wakeup(g.now.plus(d), g.name, REPLY, t.ticketId + AssignmentState.SEP + n)));
        String decision = decisionId(g, t, n);
        out.assignment(Assignment.newBuilder()
                .setTicketId(t.ticketId)
                .setDecisionId(decision)
                .setAction(previous == null ? AssignmentAction.ASSIGNED : AssignmentAction.REASSIGNED)
                .setAgentId(agent.id())
                .setAgentName(agent.profile().name())
                .setPreviousAgentId(previous)
                .setRoutingGroup(g.name)
                .setTeam(t.summary.getTeam())
                .setPriority(t.summary.getPriority())
                .setExplanation(explanation)
                .setRulesApplied(List.copyOf(rules))
                .setAgentsConsidered(verdicts.size())
                .setNotEligible(Explanations.notEligible(verdicts, Optional.of(agent.id())))
                .setTicket(t.summary)
                .setDecidedAt(g.now)
                .setSourceReceivedAt(received(t))
                .build());
        List<String> reasons = new ArrayList<>();
        reasons.add(agent.id() + ": " + String.join(", ", explanation));
        reasons.addAll(rules);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("decision", decision);
        if (previous != null) {
            attributes.put("previousAgent", previous);
        }
        emit(g, t, decision, TicketEventType.ASSIGNED, agent.id(), reasons, attributes);
        save(g, t);
    }

    private void queue(
            Group g,
            TicketRecord t,
            TicketNeeds needs,
            List<AgentNow> agents,
            Map<String, Verdict> verdicts,
            List<String> rules,
            Context ctx) {
        ctx.previous().ifPresent(previous -> unassigned(g, t, previous, rules));
        t.assignee = null;
        t.summary = withAssignee(t.summary, null);
        String order = QueueOrder.key(t.summary.getPriority(), due(t), Instant.ofEpochMilli(t.createdAt), t.ticketId);
        boolean wasQueued = t.queued();
        dequeue(t);
        t.queueKey = state.enqueue(g.name, needs.signature(), order, t.ticketId);
        if (!wasQueued) {
            t.queuedAt = g.now.toEpochMilli();
        }
        String why = explain.waiting(needs, agents, verdicts, g.now);
        Optional<Integer> position = state.position(t.queueKey, POSITION_CAP);
        List<String> explanation = new ArrayList<>();
        explanation.add(why);
        explanation.add(position.map(p -> "#" + p).orElse("beyond #" + POSITION_CAP) + " of the tickets waiting for "
                + Explanations.who(needs) + " in routing group " + g.name);
        String decision = decisionId(g, t, ++t.seq);
        out.assignment(Assignment.newBuilder()
                .setTicketId(t.ticketId)
                .setDecisionId(decision)
                .setAction(AssignmentAction.QUEUED)
                .setRoutingGroup(g.name)
                .setTeam(t.summary.getTeam())
                .setPriority(t.summary.getPriority())
                .setExplanation(explanation)
                .setRulesApplied(List.copyOf(rules))
                .setAgentsConsidered(verdicts.size())
                .setNotEligible(Explanations.notEligible(verdicts, Optional.empty()))
                .setQueuePosition(position.orElse(null))
                .setTicket(t.summary)
                .setDecidedAt(g.now)
                .setSourceReceivedAt(received(t))
                .build());
        List<String> reasons = new ArrayList<>(explanation);
        reasons.addAll(rules);
        emit(g, t, decision, TicketEventType.QUEUED, null, reasons, Map.of("decision", decision));
        save(g, t);
    }

    private void unassigned(Group g, TicketRecord t, String previous, List<String> rules) {
        TicketSummary summary = withAssignee(t.summary, null);
        String decision = decisionId(g, t, ++t.seq);
        out.assignment(Assignment.newBuilder()
                .setTicketId(t.ticketId)
                .setDecisionId(decision)
                .setAction(AssignmentAction.UNASSIGNED)
                .setPreviousAgentId(previous)
                .setRoutingGroup(g.name)
                .setTeam(summary.getTeam())
                .setPriority(summary.getPriority())
                .setExplanation(List.copyOf(rules))
                .setRulesApplied(List.copyOf(rules))
                .setTicket(summary)
                .setDecidedAt(g.now)
                .setSourceReceivedAt(received(t))
                .build());
        t.summary = summary;
        emit(g, t, decision, TicketEventType.UNASSIGNED, previous, rules, Map.of("decision", decision));
    }

    /** An agent may have become able to take tickets: give them the most urgent ones they can serve. */
    private void drainFor(Group g, String agentId) {
        while (true) {
            AgentNow a = g.now(agentId);
            if (a == null || eligibility.unavailable(a, g.now).isPresent()) {
                return;
            }
            Optional<TicketRecord> next = nextFor(g, a);
            if (next.isEmpty()) {
                return;
            }
            TicketRecord t = next.get();
            decide(g, t, Context.of("drained: " + agentId + " can take it now"));
            if (t.queued()) {
                // Nobody took it after all (should not happen): stop rather than loop.
                log.warn("{} stayed in the queue of {} although {} seemed eligible", t.ticketId, g.name, agentId);
                return;
            }
        }
    }

    /** The most urgent waiting ticket among the heads of the buckets the agent can serve. */
    private Optional<TicketRecord> nextFor(Group g, AgentNow a) {
        Waiting best = null;
        TicketRecord bestTicket = null;
        for (AssignmentState.Bucket b : state.buckets(g.name)) {
            TicketNeeds needs = TicketNeeds.parse(b.signature());
            if (!eligibility.canServe(a.profile(), needs)
                    || a.loadOf(needs.kind()) >= a.profile().capacityFor(needs.kind())) {
                continue;
            }
            Optional<Waiting> head =
                    firstFor(g, b.signature(), a.id(), 1).or(() -> firstFor(g, b.signature(), a.id(), LOOKAHEAD));
            if (head.isPresent() && (best == null || head.get().order().compareTo(best.order()) < 0)) {
                best = head.get();
                bestTicket = state.ticket(g.name, best.ticketId()).orElseThrow();
            }
        }
        return Optional.ofNullable(bestTicket);
    }

    /** The first of up to {@code limit} tickets of a bucket that the agent was not just taken off. */
    private Optional<Waiting> firstFor(Group g, String signature, String agentId, int limit) {
        for (Waiting w : state.heads(g.name, signature, limit)) {
            Optional<TicketRecord> t = state.ticket(g.name, w.ticketId());
            if (t.isEmpty() || !w.key().equals(t.get().queueKey)) {
                log.warn("Dropping a stale queue entry for {} in {}", w.ticketId(), g.name);
                state.dequeue(w.key());
                continue;
            }
            if (!agentId.equals(t.get().handedBackBy)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    // ================================================================== helpers

    private void release(Group g, TicketRecord t) {
        if (t.assignee == null) {
            return;
        }
        AgentRecord rec = g.record(t.assignee);
        if (rec == null) {
            return;
        }
        boolean wasOpen = rec.open.remove(t.ticketId) != null;
        boolean wasPending = rec.pending.remove(t.ticketId);
        if (wasOpen || wasPending) {
            g.save(t.assignee, rec);
        }
    }

    private void dequeue(TicketRecord t) {
        if (t.queueKey != null) {
            state.dequeue(t.queueKey);
            t.queueKey = null;
        }
    }

    /** A new priority or due time: the ticket moves within its bucket. */
    private void requeue(Group g, TicketRecord t) {
        if (!t.queued()) {
            return;
        }
        String order = QueueOrder.key(t.summary.getPriority(), due(t), Instant.ofEpochMilli(t.createdAt), t.ticketId);
        String signature = needs(t).signature();
        String key = g.name + AssignmentState.SEP + signature + AssignmentState.SEP + order;
        if (!key.equals(t.queueKey)) {
            state.dequeue(t.queueKey);
            t.queueKey = state.enqueue(g.name, signature, order, t.ticketId);
        }
    }

    private void emitEvent(
            Group g,
            TicketRecord t,
            TicketEventType type,
            String agentId,
            List<String> reasons,
            Map<String, String> attributes) {
        emit(g, t, decisionId(g, t, ++t.seq), type, agentId, reasons, attributes);
    }

    private void emit(
            Group g,
            TicketRecord t,
            String eventId,
            TicketEventType type,
            String agentId,
            List<String> reasons,
            Map<String, String> attributes) {
        Map<String, String> all = new LinkedHashMap<>(attributes);
        all.put(STAGE, STAGE_VALUE);
        out.event(TicketEvent.newBuilder()
                .setEventId(eventId)
                .setTicketId(t.ticketId)
                .setType(type)
                .setOrigin(EventOrigin.ROUTER)
                .setOccurredAt(g.now)
                .setAgentId(agentId)
                .setTicket(t.summary)
                .setReasons(List.copyOf(reasons))
                .setSourceReceivedAt(received(t))
                .setAttributes(all)
                .build());
    }

    private void save(Group g, TicketRecord t) {
        state.putTicket(g.name, t);
    }

    private TicketNeeds needs(TicketRecord t) {
        return TicketNeeds.of(t.summary, settings);
    }

    private TicketSummary merged(TicketSummary s, TicketRecord t) {
        Priority priority = s.getPriority();
        if (t.priorityFloor > priority.ordinal()) {
            priority = Priority.values()[t.priorityFloor];
        }
        return TicketSummary.newBuilder(s)
                .setAssignee(t.assignee)
                .setPriority(priority)
                .build();
    }

    private static TicketSummary withAssignee(TicketSummary s, String agentId) {
        return TicketSummary.newBuilder(s).setAssignee(agentId).build();
    }

    private static Optional<Instant> due(TicketRecord t) {
        return t.dueAt > 0 ? Optional.of(Instant.ofEpochMilli(t.dueAt)) : Optional.empty();
    }

    private static Instant received(TicketRecord t) {
        return t.sourceReceivedAt > 0 ? Instant.ofEpochMilli(t.sourceReceivedAt) : null;
    }

    private static Duration waited(Group g, TicketRecord t) {
        return Duration.ofSeconds(Math.max(0, g.now.toEpochMilli() - t.queuedAt) / 1000);
    }

    private static Optional<String> escalationRule(TicketRecord t) {
        return Optional.ofNullable(t.summary.getEscalation())
                .filter(e -> e.getRequiredRole() != null && !e.getRequiredRole().isBlank())
                .map(e -> e.getRule());
    }

    private static boolean notRepliedSinceAssigned(TicketRecord t) {
        return t.lastReplyAt < t.assignedAt;
    }

    private static boolean isActive(TicketStatus s) {
        return s == TicketStatus.NEW || s == TicketStatus.OPEN || s == TicketStatus.PENDING;
    }

    private static String decisionId(Group g, TicketRecord t, int n) {
        return t.ticketId + ":" + g.name + ":a" + n;
    }

    /** The customer's first known identity, as the router's ticket index keys customers. */
    static Optional<String> customerKey(TicketSummary s) {
        var c = s.getCustomer();
        return Stream.of(c.getAddress(), c.getHandle(), c.getPhone())
                .filter(k -> k != null && !k.isBlank())
                .map(k -> k.toLowerCase(Locale.ROOT))
                .findFirst();
    }

    /** The earliest due time of a running or breached clock; 0 when none runs. */
    public static long earliestDue(SlaStatus s) {
        return s.getClocks().stream()
                .filter(c -> c.getState() == SlaClockState.RUNNING || c.getState() == SlaClockState.BREACHED)
                .map(SlaClockStatus::getDueAt)
                .filter(d -> d != null)
                .mapToLong(Instant::toEpochMilli)
                .min()
                .orElse(0L);
    }

    private static String difference(TicketNeeds a, TicketNeeds b) {
        List<String> parts = new ArrayList<>();
        if (!a.role().equals(b.role())) {
            parts.add(b.role().map(r -> "a " + r).orElse("no special role"));
        }
        if (!a.intent().equals(b.intent())) {
            parts.add("intent " + b.intent());
        }
        if (!a.team().equals(b.team())) {
            parts.add("team " + b.team());
        }
        if (!a.language().equals(b.language())) {
            parts.add("language " + b.language().orElse("any"));
        }
        if (!a.channel().equals(b.channel())) {
            parts.add("channel " + b.channel());
        }
        return parts.isEmpty() ? "something else" : String.join(", ", parts);
    }

    private static String absenceText(String id, AgentProfile p, Instant now) {
        return switch (p.shifts().absenceAt(now).kind()) {
            case TIME_OFF -> id + "'s time off started before they replied";
            case HOLIDAY -> id + " is on holiday and had not replied";
            case OFF_SHIFT -> id + "'s shift ended before they replied";
        };
    }

    private PresenceStatus presenceOf(AgentRecord rec) {
        return switch (rec.presence) {
            case ONLINE, AWAY, OFFLINE -> rec.presence;
            default -> settings.unknownMeansOnline() ? PresenceStatus.ONLINE : PresenceStatus.OFFLINE;
        };
    }

    private AgentProfile profile(String group, Agent agent) {
        String key = group + AssignmentState.SEP + agent.getId();
        Cached cached = profiles.get(key);
        if (cached == null || !cached.agent().equals(agent)) {
            cached = new Cached(agent, AgentProfile.of(agent));
            profiles.put(key, cached);
        }
        return cached.profile();
    }

    /** One routing group's agents, read once per input and written through on every change. */
    private final class Group {
        final String name;
        final Instant now;
        // The stored records are read in place; one is copied only when this input asks for it to
        // change it. Copying all of a group's agents for every input was a tenth of assignment.
        private final SortedMap<String, AgentRecord> stored;
        private final Map<String, AgentRecord> mine = new HashMap<>();
        // A stored record is never changed in place (a change stores a copy in its stead), so the
        // moment derived from it holds for as long as it is the stored one. Deriving every agent's
        // moment for every decision was a seventh of assignment.
        private final Map<String, StoredMoment> storedMoments;

        Group(String name, Instant now) {
            this.name = name;
            this.now = now;
            this.stored = state.storedAgents(name);
            this.storedMoments = moments.computeIfAbsent(name, g -> new HashMap<>());
        }

        /** The agent's record, for this input to change and {@link #save}; null if there is none. */
        AgentRecord record(String id) {
            AgentRecord r = mine.get(id);
            if (r == null) {
                AgentRecord s = stored.get(id);
                if (s == null) {
                    return null;
                }
                r = s.copy();
                mine.put(id, r);
            }
            return r;
        }

        void save(String id, AgentRecord rec) {
            mine.put(id, rec);
            state.putAgent(name, id, rec);
        }

        void remove(String id) {
            mine.remove(id);
            storedMoments.remove(id);
            state.deleteAgent(name, id);
        }

        /** The group's agents (not presence-only placeholders), by id. */
        List<AgentNow> agents() {
            List<AgentNow> out = new ArrayList<>();
            // The stored view has every saved agent: save and remove write through to it.
            for (String id : stored.keySet()) {
                AgentNow a = now(id);
                if (a != null) {
                    out.add(a);
                }
            }
            return out;
        }

        AgentNow now(String id) {
            if (mine.containsKey(id)) {
                return momentOf(mine.get(id));
            }
            AgentRecord r = stored.get(id);
            if (r == null) {
                return null;
            }
            StoredMoment known = storedMoments.get(id);
            if (known == null || known.record() != r) {
                known = new StoredMoment(r, momentOf(r));
                storedMoments.put(id, known);
            }
            return known.now();
        }

        private AgentNow momentOf(AgentRecord r) {
            if (r == null || r.agent == null) {
                return null;
            }
            Map<String, Integer> byKind = new HashMap<>();
            r.open.values().forEach(k -> byKind.merge(k, 1, Integer::sum));
            return new AgentNow(
                    profile(name, r.agent),
                    presenceOf(r),
                    r.open.size(),
                    byKind,
                    r.lastAssignedAt == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(r.lastAssignedAt)));
        }
    }
}
