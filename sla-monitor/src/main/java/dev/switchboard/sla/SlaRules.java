package dev.switchboard.sla;

import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.calendar.Calendars;
import java.time.Duration;

/**
 * What the clocks need from the configuration: policies, calendars, when an alert counts as late
 * and how long solved tickets are kept for a reopen.
 */
record SlaRules(SlaPolicies policies, Calendars calendars, Duration lateAfter, Duration retainSolved) {
    static SlaRules of(SlaConfig config) {
        return new SlaRules(config.policies(), config.calendars(), config.lateAfter(), config.retainSolved());
    }

    /**
     * The calendar a target names. A calendar removed from the configuration while a clock still
     * uses it counts as 24/7, so the clock keeps alerting rather than going silent.
     */
    BusinessCalendar calendar(Target target) {
        return calendars.find(target.calendar()).orElse(BusinessCalendar.alwaysOpen());
    }
}
