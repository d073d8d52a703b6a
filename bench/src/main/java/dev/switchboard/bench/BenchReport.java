package dev.switchboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one benchmark run: each figure next to its baseline from the same run, the ratio
 * and the goal, plus figures reported without a baseline. Printed as a table and written as JSON.
 */
public final class BenchReport {
    /** A measured figure; {@code baseline} is null when there is none. */
    public record Row(String metric, double value, Double baseline, String unit, String goal, Boolean met) {
        public Double ratio() {
            return baseline == null || baseline == 0 ? null : value / baseline;
        }
    }

    public record Machine(int cores, long maxHeapBytes, String jvm, String os) {
        static Machine current() {
            return new Machine(
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
    }

    private final String benchmark;
    private final String command;
    private final Instant startedAt = Instant.now();
    private final Machine machine = Machine.current();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public BenchReport(String benchmark, String command) {
        this.benchmark = benchmark;
        this.command = command;
    }

    public BenchReport compare(String metric, double value, double baseline, String unit, String goal, Boolean met) {
        rows.add(new Row(metric, value, baseline, unit, goal, met));
        return this;
    }

    /** A figure next to its baseline, with no goal of its own (context for the figures that have one). */
    public BenchReport compare(String metric, double value, double baseline, String unit) {
        rows.add(new Row(metric, value, baseline, unit, null, null));
        return this;
    }

    public BenchReport report(String metric, double value, String unit, String goal, Boolean met) {
        rows.add(new Row(metric, value, null, unit, goal, met));
        return this;
    }

    public BenchReport note(String note) {
        notes.add(note);
        return this;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public void print(PrintWriter out) {
        out.printf("%n%s  (%s)%n", benchmark, command);
        out.printf(
                "machine: %d cores, max heap %d MB, %s, %s; JVM args %s%n",
                machine.cores(),
                machine.maxHeapBytes() / (1024 * 1024),
                machine.jvm(),
                machine.os(),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        out.printf("%-52s %14s %14s %8s  %-28s %s%n", "metric", "value", "baseline", "ratio", "goal", "met");
        for (Row r : rows) {
            out.printf(
                    Locale.ROOT,
                    "%-52s %14s %14s %8s  %-28s %s%n",
                    r.metric() + " [" + r.unit() + "]",
                    number(r.value()),
                    r.baseline() == null ? "—" : number(r.baseline()),
                    r.ratio() == null ? "—" : String.format(Locale.ROOT, "%.2f×", r.ratio()),
                    r.goal() == null ? "" : r.goal(),
                    r.met() == null ? "" : (r.met() ? "yes" : "NO"));
        }
        notes.forEach(n -> out.println("note: " + n));
        out.flush();
    }

    public void writeJson(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
        var node = json.createObjectNode();
        node.put("benchmark", benchmark);
        node.put("command", command);
        node.put("startedAt", startedAt.toString());
        node.set("machine", json.valueToTree(machine));
        var array = node.putArray("results");
        for (Row r : rows) {
            var row = json.valueToTree(r);
            ((com.fasterxml.jackson.databind.node.ObjectNode) row).putPOJO("ratio", r.ratio());
            array.add(row);
        }
        node.set("notes", json.valueToTree(notes));
        json.writeValue(file.toFile(), node);
    }

    private static String number(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
