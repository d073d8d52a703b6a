package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.KafkaCluster;
import dev.switchboard.testkit.KafkaExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard bench webhook} at a tiny size: what its user sees, not how fast it was. */
@ExtendWith(KafkaExtension.class)
class WebhookBenchIT {

    @Test
    void everyRequestIsAnswered200AndEveryMessageIsOnKafkaOnce(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        // given 50 warm-up and 500 measured signed requests of 5 messages over 4 connections
        // when the benchmark runs against the test broker
        BenchRun run = BenchRun.of(
                dir,
                "webhook",
                "--requests",
                "500",
                "--connections",
                "4",
                "--batch",
                "5",
                "--warmup",
                "50",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--data-dir",
                dir.resolve("data").toString());

        // then it ends well, the ingestor answered 200 to all, Kafka has each message once, the JSON has the rows
        assertThat(run.exitCode()).as(run.printed()).isZero();
        JsonNode answered = run.row("measured requests answered 200 (ingestor)");
        assertThat(answered.get("value").asDouble()).isEqualTo(500);
        assertThat(answered.get("met").asBoolean()).isTrue();
        JsonNode once = run.row("messages on Kafka, each once (warm-up included)");
        assertThat(once.get("value").asDouble()).isEqualTo((50 + 500) * 5);
        assertThat(once.get("met").asBoolean()).isTrue();
        assertThat(run.row("dead letters").get("value").asDouble()).isZero();
        JsonNode rate = run.row("requests/s");
        assertThat(rate.get("baseline").asDouble()).isPositive();
        assertThat(rate.get("ratio").asDouble()).isPositive();
        assertThat(rate.get("goal").asText()).isEqualTo("≥ 0.5× baseline");
        // the goal's baseline is the same ingestor without Kafka; the HTTP server alone is reported beside it
        assertThat(run.row("requests/s against the HTTP server alone")
                        .get("baseline")
                        .asDouble())
                .isPositive();
        assertThat(run.printed()).contains("the same WebhookIngestor", "answering 200 without Kafka");
        JsonNode p99 = run.row("p99 request latency");
        assertThat(p99.get("value").asDouble()).isPositive();
        assertThat(p99.get("baseline").asDouble()).isPositive();
        assertThat(run.printed()).contains("webhook ingest", "p99 request latency");
    }
}
