package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.KafkaCluster;
import dev.switchboard.testkit.KafkaExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard bench email} at a tiny size: what its user sees, not how fast it was. */
@ExtendWith(KafkaExtension.class)
class EmailBenchIT {

    @Test
    void everyMessageOfTheMailboxIsOnKafkaOnceAndTheReportComparesWithThePlainFetch(
            KafkaCluster kafka, @TempDir Path dir) throws Exception {
        // given a mailbox of 200 generated messages in two folders, and a warm-up mailbox of 30 others
        // when the benchmark runs against the test broker
        BenchRun run = BenchRun.of(
                dir,
                "email",
                "--messages",
                "200",
                "--folder-size",
                "100",
                "--warmup",
                "30",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--data-dir",
                dir.resolve("data").toString());

        // then it ends well, every message became one event or dead letter, and the JSON has the rows
        assertThat(run.exitCode()).as(run.printed()).isZero();
        JsonNode once = run.row("messages on Kafka, each once (events + dead letters)");
        assertThat(once.get("value").asDouble()).isEqualTo(200);
        assertThat(once.get("met").asBoolean()).isTrue();
        assertThat(run.row("of which dead letters").get("met").asBoolean()).isTrue();
        JsonNode rate = run.row("messages/s, start to last message");
        assertThat(rate.get("value").asDouble()).isPositive();
        assertThat(rate.get("baseline").asDouble()).isPositive();
        assertThat(rate.get("ratio").asDouble()).isPositive();
        assertThat(rate.get("goal").asText()).isEqualTo("≥ 0.5× baseline");
        assertThat(run.row("time to first message").get("unit").asText()).isEqualTo("ms");
        assertThat(run.printed())
                .contains(
                        "email ingest",
                        "messages/s, start to last message",
                        "2 folder(s)",
                        "a third mailbox of 30 other messages");
    }
}
