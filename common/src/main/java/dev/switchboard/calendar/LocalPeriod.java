package dev.switchboard.calendar;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opening hours within one day, in wall-clock time: from {@code start} to {@code end}, running past
 * midnight when {@code end} is at or before {@code start} ({@code 22:00-02:00}); {@code start ==
 * end} is a whole 24 hours ({@code 00:00-24:00}).
 *
 * <p>A period belongs to the day it starts on: a Thursday {@code 22:00-02:00} shift is open from
 * Thursday 22:00 to Friday 02:00.
 */
public record LocalPeriod(LocalTime start, LocalTime end) implements Comparable<LocalPeriod> {
    private static final Pattern TEXT =
            Pattern.compile("\\s*(\\d{1,2}:\\d{2}(?::\\d{2})?)\\s*-\\s*(\\d{1,2}:\\d{2}(?::\\d{2})?)\\s*");

    public LocalPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public static LocalPeriod of(LocalTime start, LocalTime end) {
        return new LocalPeriod(start, end);
    }

    /** Reads {@code 09:00-17:00}, {@code 22:00-02:00} or {@code 00:00-24:00} (24:00 is midnight). */
    public static LocalPeriod parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw invalid(text);
        }
        try {
            return new LocalPeriod(time(m.group(1), false, text), time(m.group(2), true, text));
        } catch (DateTimeParseException e) {
            throw invalid(text);
        }
    }

    private static LocalTime time(String value, boolean isEnd, String text) {
        String padded = value.length() == 4 || value.indexOf(':') == 1 ? "0" + value : value;
        if (padded.startsWith("24:")) {
            if (!isEnd || !padded.matches("24:00(:00)?")) {
                throw invalid(text);
            }
            return LocalTime.MIDNIGHT;
        }
        return LocalTime.parse(padded);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "expected hours such as 09:00-17:00, 22:00-02:00 (past midnight) or 00:00-24:00, got '" + text + "'");
    }

    /** True when the period ends on the next day (including a whole-day period). */
    public boolean crossesMidnight() {
        return !end.isAfter(start);
    }

    /** Where the period starts when it is on {@code day}. */
    public LocalDateTime startOn(LocalDate day) {
        return day.atTime(start);
    }

    /** Where the period ends when it starts on {@code day}. */
    public LocalDateTime endOn(LocalDate day) {
        return crossesMidnight() ? day.plusDays(1).atTime(end) : day.atTime(end);
    }

    @Override
    public int compareTo(LocalPeriod other) {
        int c = start.compareTo(other.start);
        return c != 0 ? c : endOn(LocalDate.EPOCH).compareTo(other.endOn(LocalDate.EPOCH));
    }

    @Override
    public String toString() {
        return start + "-" + (end.equals(LocalTime.MIDNIGHT) && crossesMidnight() ? "24:00" : end.toString());
    }
}
