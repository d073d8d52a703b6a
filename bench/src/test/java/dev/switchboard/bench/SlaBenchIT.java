package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testkit.KafkaCluster;
import dev.switchboard.testkit.KafkaExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code switchboard bench sla} at a tiny size against the test broker: it finishes, every measured
 * alert arrives exactly once on both sides, and the table and the JSON hold the figures. No timing
 * is asserted: this is a smoke test of the benchmark, not a benchmark.
 */
@ExtendWith(KafkaExtension.class)
class SlaBenchIT {
    @TempDir
    Path dir;

    @Test
    void aTinyRunReportsEveryMeasuredAlertOnceOnBothSides(KafkaCluster kafka) throws Exception {
        // given a tiny plan: 10 tickets due over a 6 s window (2,000 over 20 minutes) and a burst of 100
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine bench =
                new CommandLine(new BenchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

        // when the benchmark runs
        int exit = bench.execute(
                "sla",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--data-dir",
                dir.resolve("data").toString(),
                "--out",
                dir.resolve("results").toString(),
                "--open",
                "2000",
                "--baseline-open",
                "400",
                "--burst",
                "100",
                "--spread",
                "20m",
                "--measure",
                "6s");

        // then it prints its table
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("sla  (switchboard bench sla --open 2000", "burst alerts, due → at consumer p99");

        // and the JSON says every measured alert arrived once, on both sides
        JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("results/sla.json")));
        assertThat(json.get("benchmark").asText()).isEqualTo("sla");
        Map<String, JsonNode> rows = new HashMap<>();
        json.get("results").forEach(r -> rows.put(r.get("metric").asText(), r));
        assertThat(rows.get("measured alerts expected").get("value").asInt()).isEqualTo(110);
        assertThat(rows.get("measured alerts arrived").get("value").asInt()).isEqualTo(110);
        assertThat(rows.get("measured alerts arrived").get("baseline").asInt()).isEqualTo(110);
        for (String zero : new String[] {
            "alerts missing",
            "alerts duplicated",
            "alerts not measured (background tickets)",
            "alerts not the planned breach",
            "alerts before their moment"
        }) {
            assertThat(rows.get(zero).get("value").asDouble()).as(zero).isZero();
            assertThat(rows.get(zero).get("baseline").asDouble())
                    .as(zero + " (baseline)")
                    .isZero();
        }
        assertThat(rows)
                .containsKeys(
                        "spread alerts, due → at consumer p99",
                        "check with nothing due, mean",
                        "check in the window, max (the burst)",
                        "Kafka punctuate-latency-avg at window end",
                        "state stores on disk per open ticket (closed)",
                        "RocksDB off-heap memory at window end",
                        "heap growth after GC per open ticket (both monitors)");
        assertThat(rows.get("open tickets").get("value").asInt()).isEqualTo(2000);
        assertThat(rows.get("open tickets").get("baseline").asInt()).isEqualTo(400);
    }
}
