package dev.switchboard.router.assignment;

import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.events.TimeRange;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * When an agent works: their calendar (weekly shifts in their zone, time off, holidays; the same
 * model as SLA business hours) with the answer to "on shift now?" remembered until the calendar's
 * next change, so asking again for every ticket costs nothing until a shift starts or ends.
 *
 * <p>Not thread-safe: one instance serves one stream task.
 */
public final class AgentShifts {
    private final BusinessCalendar calendar;
    private final BusinessCalendar weekly;
    private final List<TimeRange> timeOff;
    // Memo: for t in [memoFrom, memoUntil) the answer is memoOpen.
    private Instant memoFrom = Instant.MAX;
    private Instant memoUntil = Instant.MIN;
    private boolean memoOpen;

    public AgentShifts(BusinessCalendar calendar, List<TimeRange> timeOff) {
        this.calendar = calendar;
        this.timeOff = List.copyOf(timeOff);
        // The shifts alone tell a holiday from a day without a shift.
        this.weekly = BusinessCalendar.builder(calendar.name(), calendar.zone())
                .weekly(calendar.weekly())
                .build();
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    public ZoneId zone() {
        return calendar.zone();
    }

    /** On shift at {@code t}: inside a shift, not on time off, not on a holiday. */
    public boolean onShift(Instant t) {
        if (t.isBefore(memoFrom) || !t.isBefore(memoUntil)) {
            Optional<BusinessCalendar.OpenSpan> span = calendar.openSpan(t);
            memoFrom = t;
            if (span.isEmpty()) {
                memoOpen = false;
                memoUntil = Instant.MAX;
            } else if (span.get().start().isAfter(t)) {
                memoOpen = false;
                memoUntil = span.get().start();
            } else {
                memoOpen = true;
                memoUntil = span.get().end().orElse(Instant.MAX);
            }
        }
        return memoOpen;
    }

    /** When the answer of {@link #onShift} next changes after {@code t}: a shift ends or starts. */
    public Optional<Instant> nextChange(Instant t) {
        onShift(t);
        return memoUntil.equals(Instant.MAX) ? Optional.empty() : Optional.of(memoUntil);
    }

    /** Why the agent is not working at {@code t}: time off (with its reason), a holiday, or no shift. */
    public Absence absenceAt(Instant t) {
        for (TimeRange r : timeOff) {
            if (!t.isBefore(r.getStart()) && t.isBefore(r.getEnd())) {
                return new Absence(Absence.Kind.TIME_OFF, Optional.ofNullable(r.getReason()));
            }
        }
        return weekly.isOpen(t)
                ? new Absence(Absence.Kind.HOLIDAY, Optional.empty())
                : new Absence(Absence.Kind.OFF_SHIFT, Optional.empty());
    }

    /** Why an agent is not working at a moment. */
    public record Absence(Kind kind, Optional<String> reason) {
        public enum Kind {
            OFF_SHIFT,
            TIME_OFF,
            HOLIDAY
        }
    }
}
