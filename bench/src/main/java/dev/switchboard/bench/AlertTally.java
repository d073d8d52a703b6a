package dev.switchboard.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * How late a side's measured alerts were and whether each came exactly once. Lateness is measured
 * from the moment the plan made the alert due (not the alert's own {@code dueAt}, which is checked
 * against it): to its arrival at a read_committed consumer, and to its {@code firedAt}. Histograms
 * in milliseconds.
 *
 * @param wrong first alerts of a measured ticket that are not its first-reply breach at the moment the
 *     plan set
 * @param early alerts that arrived or fired before their moment (counted as 0 ms late)
 */
record AlertTally(
        Histogram spreadArrival,
        Histogram burstArrival,
        Histogram spreadFired,
        Histogram burstFired,
        int expected,
        int arrivedOnce,
        int duplicates,
        int missing,
        int unexpected,
        int wrong,
        int early) {
    private static final String EXPECTED_ALERT = ":FIRST_REPLY:BREACHED:1";

    static AlertTally of(Map<String, SlaPlan.Due> expected, List<AlertWatcher.Arrival> arrivals) {
        Histogram spreadArrival = new Histogram(3);
        Histogram burstArrival = new Histogram(3);
        Histogram spreadFired = new Histogram(3);
        Histogram burstFired = new Histogram(3);
        Set<String> counted = new HashSet<>();
        int unexpected = 0;
        int wrong = 0;
        int early = 0;
        int duplicates = 0;
        for (AlertWatcher.Arrival a : arrivals) {
            SlaPlan.Due due = expected.get(a.ticketId());
            if (due == null) {
                unexpected++;
                continue;
            }
            if (!counted.add(a.ticketId())) {
                // Each measured ticket fires one alert; the first arrival is the one ops acted on.
                duplicates++;
                continue;
            }
            if (!a.dueAt().equals(due.at()) || !a.alertId().equals(due.ticketId() + EXPECTED_ALERT)) {
                wrong++;
            }
            long dueMillis = due.at().toEpochMilli();
            long arrivalLate = a.arrivedAtMillis() - dueMillis;
            long firedLate = a.firedAt().toEpochMilli() - dueMillis;
            if (arrivalLate < 0 || firedLate < 0) {
                early++;
            }
            (due.burst() ? burstArrival : spreadArrival).recordValue(Math.max(0, arrivalLate));
            (due.burst() ? burstFired : spreadFired).recordValue(Math.max(0, firedLate));
        }
        return new AlertTally(
                spreadArrival,
                burstArrival,
                spreadFired,
                burstFired,
                expected.size(),
                counted.size(),
                duplicates,
                expected.size() - counted.size(),
                unexpected,
                wrong,
                early);
    }
}
