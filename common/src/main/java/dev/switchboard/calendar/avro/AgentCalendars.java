package dev.switchboard.calendar.avro;

import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.calendar.InstantRange;
import dev.switchboard.calendar.WeeklySchedule;
import dev.switchboard.events.Agent;
import dev.switchboard.events.TimeRange;
import dev.switchboard.events.WeeklyPeriod;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@link Agent} event's availability (time zone, weekly shifts, time off, holiday dates)
 * into a {@link BusinessCalendar}, so "who is working now" uses the same arithmetic as SLA
 * business hours. Kept apart from the calendar package so the model does not depend on Avro.
 */
public final class AgentCalendars {
    private AgentCalendars() {}

    /**
     * The agent's calendar.
     *
     * @throws IllegalArgumentException naming the agent and the field when the zone, a day of week
     *     or a holiday date is not valid
     */
    public static BusinessCalendar of(Agent agent) {
        String who = "agent " + agent.getId() + ": ";
        ZoneId zone;
        try {
            zone = ZoneId.of(agent.getTimeZone());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    who + "timeZone '" + agent.getTimeZone() + "' is not an IANA time zone such as Africa/Cairo");
        }
        WeeklySchedule.Builder shifts = WeeklySchedule.builder();
        for (int i = 0; i < agent.getShifts().size(); i++) {
            WeeklyPeriod p = agent.getShifts().get(i);
            if (p.getDayOfWeek() < 1 || p.getDayOfWeek() > 7) {
                throw new IllegalArgumentException(
                        who + "shifts[" + i + "].dayOfWeek " + p.getDayOfWeek() + " is not 1 (Monday) .. 7 (Sunday)");
            }
            shifts.add(DayOfWeek.of(p.getDayOfWeek()), p.getStart(), p.getEnd());
        }
        List<InstantRange> timeOff = new ArrayList<>();
        for (int i = 0; i < agent.getTimeOff().size(); i++) {
            TimeRange r = agent.getTimeOff().get(i);
            if (r.getEnd().isBefore(r.getStart())) {
                throw new IllegalArgumentException(who + "timeOff[" + i + "] ends before it starts");
            }
            timeOff.add(new InstantRange(r.getStart(), r.getEnd()));
        }
        List<LocalDate> holidays = new ArrayList<>();
        for (int i = 0; i < agent.getHolidays().size(); i++) {
            String date = agent.getHolidays().get(i);
            try {
                holidays.add(LocalDate.parse(date));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        who + "holidays[" + i + "] '" + date + "' is not an ISO date such as 2026-12-25");
            }
        }
        return BusinessCalendar.ofShifts("agent:" + agent.getId(), zone, shifts.build(), holidays, timeOff);
    }
}
