package dev.switchboard.router.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Precision, recall and F1 of a classifier per intent over a labelled set, their macro average
 * (every intent counts the same, whatever its size), accuracy, and the confusions.
 */
public final class EvaluationReport {
    private final List<String> intents;
    private final Map<String, int[]> counts = new LinkedHashMap<>(); // tp, fp, fn
    private final Map<String, Integer> confusions = new TreeMap<>();
    private final List<Miss> misses = new ArrayList<>();
    private int total;
    private int correct;

    public EvaluationReport(List<String> intents) {
        this.intents = List.copyOf(intents);
        intents.forEach(i -> counts.put(i, new int[3]));
    }

    public void add(String id, String expected, String predicted) {
        total++;
        counts.computeIfAbsent(expected, k -> new int[3]);
        counts.computeIfAbsent(predicted, k -> new int[3]);
        if (expected.equals(predicted)) {
            correct++;
            counts.get(expected)[0]++;
        } else {
            counts.get(predicted)[1]++;
            counts.get(expected)[2]++;
            confusions.merge(expected + " -> " + predicted, 1, Integer::sum);
            misses.add(new Miss(id, expected, predicted));
        }
    }

    public int total() {
        return total;
    }

    public double accuracy() {
        return total == 0 ? 0 : (double) correct / total;
    }

    public double precision(String intent) {
        int[] c = counts.get(intent);
        return c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
    }

    public double recall(String intent) {
        int[] c = counts.get(intent);
        return c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
    }

    public double f1(String intent) {
        double p = precision(intent);
        double r = recall(intent);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public int support(String intent) {
        int[] c = counts.get(intent);
        return c[0] + c[2];
    }

    /** Macro F1 over the intents that occur in the set's labels. */
    public double macroF1() {
        return intents.stream()
                .filter(i -> support(i) > 0)
                .mapToDouble(this::f1)
                .average()
                .orElse(0);
    }

    public List<Miss> misses() {
        return List.copyOf(misses);
    }

    /** A Markdown table: intent, support, precision, recall, F1; then macro F1 and accuracy. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append("| intent | support | precision | recall | F1 |\n|---|--:|--:|--:|--:|\n");
        for (String intent : intents) {
            if (support(intent) == 0 && counts.get(intent)[1] == 0) {
                continue;
            }
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.2f | %.2f | %.2f |%n",
                    intent,
                    support(intent),
                    precision(intent),
                    recall(intent),
                    f1(intent)));
        }
        b.append(String.format(
                Locale.ROOT,
                "| **macro** | %d | | | **%.3f** |%n%naccuracy %.3f (%d of %d)%n",
                total,
                macroF1(),
                accuracy(),
                correct,
                total));
        return b.toString();
    }

    public String confusionSummary(int top) {
        StringBuilder b = new StringBuilder();
        confusions.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> b.append("  ")
                        .append(e.getValue())
                        .append("  ")
                        .append(e.getKey())
                        .append('\n'));
        return b.toString();
    }

    public record Miss(String id, String expected, String predicted) {}
}
