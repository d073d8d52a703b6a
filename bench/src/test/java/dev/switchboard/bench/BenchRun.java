package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import picocli.CommandLine;

/** A benchmark run as a user starts it, {@code switchboard bench NAME ...}, and what it printed and wrote. */
record BenchRun(int exitCode, String printed, JsonNode json) {
    static BenchRun of(Path out, String name, String... args) throws IOException {
        StringWriter printed = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand()).setOut(new PrintWriter(printed, true));
        String[] all = new String[args.length + 3];
        all[0] = name;
        all[1] = "--out";
        all[2] = out.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        int exit = cli.execute(all);
        return new BenchRun(
                exit,
                printed.toString(),
                new ObjectMapper().readTree(out.resolve(name + ".json").toFile()));
    }

    /** The JSON result row of a metric. */
    JsonNode row(String metric) {
        return StreamSupport.stream(json.get("results").spliterator(), false)
                .filter(r -> r.get("metric").asText().equals(metric))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row '" + metric + "' in " + json));
    }
}
