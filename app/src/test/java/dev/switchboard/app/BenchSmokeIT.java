package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testkit.KafkaCluster;
import dev.switchboard.testkit.KafkaExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The router benchmarks at a smoke size, as a user runs them: each command finishes, accounts for
 * every message it sent, prints its table and writes its JSON. No figure is judged here; figures
 * live in docs/benchmarks.md.
 */
@ExtendWith(KafkaExtension.class)
class BenchSmokeIT {
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void routerBenchmarkHandlesEveryMessageAndReportsAgainstItsBaseline(KafkaCluster kafka) throws Exception {
        // when the router benchmark runs on a small backlog with a short latency phase
        Result result = bench(
                "router",
                "--messages",
                "300",
                "--agents",
                "5",
                "--latency-duration",
                "PT2S",
                "--warmup",
                "50",
                "--config",
                "../config/router.yaml",
                "--bootstrap-servers",
                kafka.bootstrapServers());

        // then every message went through both sides and the JSON holds each figure with its baseline
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("throughput (300 messages)").doesNotContain("INCOMPLETE");
        JsonNode report = json.readTree(dir.resolve("router.json").toFile());
        List<String> metrics = metrics(report);
        assertThat(metrics).anyMatch(m -> m.startsWith("throughput")).anyMatch(m -> m.startsWith("latency p99"));
        JsonNode throughput = report.get("results").get(0);
        assertThat(throughput.get("value").asDouble()).isPositive();
        assertThat(throughput.get("baseline").asDouble()).isPositive();
        assertThat(result.out())
                .containsPattern("open tickets after 300 messages")
                .contains("a warm-up of 50 messages");
    }

    @Test
    void assignmentBenchmarkKeepsBothQueuesAtTheirLength() throws Exception {
        // when decisions are measured against a queue of 200 and one of 20
        Result result = bench(
                "assignment",
                "--waiting",
                "200",
                "--baseline-waiting",
                "20",
                "--decisions",
                "40",
                "--config",
                "../config/router.yaml",
                "--data-dir",
                dir.resolve("state").toString());

        // then both kinds of decision are reported, and the queues kept the lengths asked for
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("long queue 200 waiting, short 20");
        assertThat(metrics(json.readTree(dir.resolve("assignment.json").toFile())))
                .hasSize(2)
                .allMatch(m -> m.contains("(200 vs 20 waiting)"));
    }

    private static List<String> metrics(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("results").forEach(r -> out.add(r.get("metric").asText()));
        return out;
    }

    private Result bench(String... args) {
        CommandLine cli = SwitchboardCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("bench"));
        all.addAll(List.of(args));
        all.addAll(List.of("--out", dir.toString()));
        int code = cli.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {}
}
