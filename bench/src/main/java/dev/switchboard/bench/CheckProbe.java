package dev.switchboard.bench;

import dev.switchboard.sla.SlaMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * How long one SLA monitor's wall-clock checks take, from two sources: the monitor's check timer,
 * whose count and total give the exact mean over any interval, and Kafka Streams' stream-thread
 * {@code punctuate-latency-avg} / {@code -max}, which are averages and maxima over Kafka's sampled
 * windows (two 30 s samples by default). Maxima decay in both, so {@link #sample()} is called often
 * during a window to keep the highest value seen.
 */
final class CheckProbe {
    private static final String THREAD_METRICS = "stream-thread-metrics";

    /** The timer's running count and total. */
    record Totals(long count, double totalMillis) {
        /** The mean check in milliseconds between {@code earlier} and this. */
        double meanSince(Totals earlier) {
            long n = count - earlier.count;
            return n == 0 ? Double.NaN : (totalMillis - earlier.totalMillis) / n;
        }

        long countSince(Totals earlier) {
            return count - earlier.count;
        }
    }

    private final MeterRegistry meters;
    private final Supplier<Map<MetricName, ? extends Metric>> kafka;
    private double timerMax;
    private double kafkaMax = Double.NaN;

    CheckProbe(MeterRegistry meters, Supplier<Map<MetricName, ? extends Metric>> kafka) {
        this.meters = meters;
        this.kafka = kafka;
    }

    Totals totals() {
        Timer t = timer();
        return new Totals(t.count(), t.totalTime(TimeUnit.MILLISECONDS));
    }

    /** Starts a new interval for the maxima. */
    void resetMaxima() {
        timerMax = 0;
        kafkaMax = Double.NaN;
    }

    void sample() {
        timerMax = Math.max(timerMax, timer().max(TimeUnit.MILLISECONDS));
        double k = kafka("punctuate-latency-max");
        if (!Double.isNaN(k)) {
            kafkaMax = Double.isNaN(kafkaMax) ? k : Math.max(kafkaMax, k);
        }
    }

    /** The longest check since {@link #resetMaxima()}, by the check timer, in milliseconds. */
    double timerMax() {
        return timerMax;
    }

    /** The longest punctuation since {@link #resetMaxima()}, by Kafka's metric; NaN if Kafka has none. */
    double kafkaMax() {
        return kafkaMax;
    }

    /** Kafka's {@code punctuate-latency-avg} now (its last 30–60 s); NaN if Kafka has none. */
    double kafkaAvg() {
        return kafka("punctuate-latency-avg");
    }

    private Timer timer() {
        return meters.get(SlaMonitor.CHECK_TIMER).timer();
    }

    /** The highest value over the instance's stream threads; NaN when the metric is missing or unsampled. */
    private double kafka(String name) {
        return kafka.get().entrySet().stream()
                .filter(e -> e.getKey().group().equals(THREAD_METRICS)
                        && e.getKey().name().equals(name))
                .map(e -> e.getValue().metricValue())
                .filter(v -> v instanceof Number)
                .mapToDouble(v -> ((Number) v).doubleValue())
                .filter(v -> !Double.isNaN(v))
                .max()
                .orElse(Double.NaN);
    }
}
