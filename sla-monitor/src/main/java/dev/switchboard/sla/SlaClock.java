package dev.switchboard.sla;

import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.events.SlaClockState;
import dev.switchboard.events.SlaLevel;
import dev.switchboard.events.SlaMetric;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One SLA clock of a ticket (first reply, one next-reply cycle, or resolution): when it ran, its
 * target, and which alerts it has fired.
 *
 * <p>The clock remembers the spans of wall-clock time it ran, not a running total, so the business
 * time it used is measured on the calendar of its current target: a re-target to a policy with
 * another calendar stays exact. Alert moments (warning, due) are where the business time used
 * reaches the warning point or the target.
 */
final class SlaClock {
    enum Phase {
        RUNNING,
        PAUSED,
        MET,
        STOPPED
    }

    record Span(Instant start, Instant end) {}

    private SlaMetric metric;
    private int cycle;
    private Phase phase;
    private Instant startedAt;
    private Instant runningSince;
    private List<Span> spans = new ArrayList<>();
    private Instant endedAt;
    private boolean warned;
    private boolean breached;
    private boolean metLate;
    private Target target;
    private List<String> notes = new ArrayList<>();

    /** For the state serde. */
    private SlaClock() {}

    static SlaClock start(SlaMetric metric, int cycle, Instant at, Target target) {
        SlaClock c = new SlaClock();
        c.metric = metric;
        c.cycle = cycle;
        c.phase = Phase.RUNNING;
        c.startedAt = at;
        c.runningSince = at;
        c.target = target;
        return c;
    }

    SlaMetric metric() {
        return metric;
    }

    int cycle() {
        return cycle;
    }

    Phase phase() {
        return phase;
    }

    Instant startedAt() {
        return startedAt;
    }

    Optional<Target> target() {
        return Optional.ofNullable(target);
    }

    boolean active() {
        return phase == Phase.RUNNING || phase == Phase.PAUSED;
    }

    boolean warned() {
        return warned;
    }

    boolean breached() {
        return breached;
    }

    List<String> notes() {
        return notes;
    }

    void pause(Instant t) {
        if (phase == Phase.RUNNING) {
            closeSpan(t);
            phase = Phase.PAUSED;
        }
    }

    void resume(Instant t) {
        if (phase == Phase.PAUSED) {
            runningSince = t;
            phase = Phase.RUNNING;
        }
    }

    /** The target was met (reply sent, ticket solved) or the clock stopped without it (solved, merged). */
    void end(Instant t, Phase how) {
        if (phase == Phase.RUNNING) {
            closeSpan(t);
        }
        if (active()) {
            phase = how;
            endedAt = t;
        }
    }

    /** A reopened ticket: the clock runs on from where it stopped, with the time it already used. */
    void restart(Instant t) {
        if (!active()) {
            phase = Phase.RUNNING;
            runningSince = t;
            endedAt = null;
        }
    }

    void retarget(Target next, String note) {
        target = next;
        notes.add(note);
    }

    void markWarned() {
        warned = true;
    }

    void markBreached() {
        warned = true;
        breached = true;
    }

    /** True the first time a breached clock is met after its due moment; MET_LATE fires once per clock. */
    boolean markMetLate() {
        if (metLate) {
            return false;
        }
        metLate = true;
        return true;
    }

    private void closeSpan(Instant t) {
        if (t.isAfter(runningSince)) {
            spans.add(new Span(runningSince, t));
        }
        runningSince = null;
    }

    /** Business time used up to {@code asOf} (or up to where the clock ended). */
    Duration used(BusinessCalendar calendar, Instant asOf) {
        Duration total = Duration.ZERO;
        for (Span s : spans) {
            total = total.plus(calendar.businessTimeBetween(s.start(), s.end()));
        }
        if (phase == Phase.RUNNING && asOf.isAfter(runningSince)) {
            total = total.plus(calendar.businessTimeBetween(runningSince, asOf));
        }
        return total;
    }

    /**
     * Where the business time used reaches {@code amount}: in a span already run, or ahead while
     * running. Empty while paused (or ended) short of it, or when the calendar never gets there.
     */
    Optional<Instant> momentOf(BusinessCalendar calendar, Duration amount) {
        Duration before = Duration.ZERO;
        for (Span s : spans) {
            Duration length = calendar.businessTimeBetween(s.start(), s.end());
            if (before.plus(length).compareTo(amount) >= 0) {
                return calendar.addBusinessTime(s.start(), amount.minus(before));
            }
            before = before.plus(length);
        }
        if (phase == Phase.RUNNING) {
            return calendar.addBusinessTime(runningSince, amount.minus(before));
        }
        return Optional.empty();
    }

    Optional<Instant> dueAt(BusinessCalendar calendar) {
        return target().flatMap(t -> momentOf(calendar, t.duration()));
    }

    /** An alert still to fire and its moment. */
    record Alarm(SlaLevel level, Instant moment) {}

    /** The next alert still to fire: the warning, else the breach; empty when none is ahead or reachable. */
    Optional<Alarm> nextAlarm(BusinessCalendar calendar) {
        if (target == null || !active()) {
            return Optional.empty();
        }
        if (!warned && target.warnAfter().isPresent()) {
            Optional<Instant> warning = momentOf(calendar, target.warnAfter().get());
            if (warning.isPresent()) {
                return Optional.of(new Alarm(SlaLevel.WARNING, warning.get()));
            }
        }
        return breached ? Optional.empty() : dueAt(calendar).map(due -> new Alarm(SlaLevel.BREACHED, due));
    }

    SlaClockState state() {
        return switch (phase) {
            case MET -> SlaClockState.MET;
            case STOPPED -> SlaClockState.STOPPED;
            case PAUSED -> breached ? SlaClockState.BREACHED : SlaClockState.PAUSED;
            case RUNNING -> breached ? SlaClockState.BREACHED : SlaClockState.RUNNING;
        };
    }

    /** The instant the clock ended, or {@code now} while it is active. */
    Instant asOf(Instant now) {
        return endedAt != null ? endedAt : now;
    }
}
