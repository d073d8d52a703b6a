package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.schemas.Topics;
import dev.switchboard.testkit.KafkaCluster;
import dev.switchboard.testkit.KafkaExtension;
import dev.switchboard.testkit.SampleEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith(KafkaExtension.class)
class TailCommandIT {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void printsEachRecordAsOneJsonLineWithRealUnicode(KafkaCluster kafka) throws Exception {
        // given an Arabic message and a record that is not an event
        Topics topics = kafka.newTopics();
        String topic = topics.inboundMessages().name();
        kafka.send(
                topics.inboundMessages(),
                KafkaCluster.ProducerRecordSpec.record("conv-1", SampleEvents.inboundMessage()));
        kafka.sendRaw(topic, "conv-2".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));

        // when tail reads the topic from the beginning
        Result result = tail(topic, "--from-beginning", "--max", "2", "--bootstrap-servers", kafka.bootstrapServers());

        // then it prints two JSON lines and exits 0
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        String arabic =
                lines.stream().filter(l -> l.contains("\"conv-1\"")).findFirst().orElseThrow();
        assertThat(arabic).contains("أريد استرداد ٣٠٠ ريال").doesNotContain("\\u");
        JsonNode first = json.readTree(arabic);
        assertThat(first.fieldNames())
                .toIterable()
                .containsExactly("topic", "partition", "offset", "timestamp", "key", "value");
        assertThat(first.get("topic").asText()).isEqualTo(topic);
        assertThat(first.get("value").get("customer").get("displayName").asText())
                .isEqualTo("ليلى حسن");
        assertThat(first.get("value").get("receivedAt").asText()).isEqualTo("2026-11-26T09:30:00Z");
        JsonNode second = json.readTree(
                lines.stream().filter(l -> l.contains("\"conv-2\"")).findFirst().orElseThrow());
        assertThat(second.get("value").isNull()).isTrue();
        assertThat(second.get("error").asText()).contains("not Avro single-object encoded");
        assertThat(second.get("valueBase64").asText()).isEqualTo("bm90IGF2cm8=");
    }

    @Test
    void exitsWhenNothingArrivesForTheIdleTimeout(KafkaCluster kafka) {
        Topics topics = kafka.newTopics();

        Result result = tail(
                topics.slaAlerts().name(), "--idle-timeout", "1s", "--bootstrap-servers", kafka.bootstrapServers());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEmpty();
    }

    @Test
    void refusesATopicThatIsNotOurs(KafkaCluster kafka) {
        Result result = tail("orders", "--max", "1", "--bootstrap-servers", kafka.bootstrapServers());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("orders is not a Switchboard topic");
    }

    private static Result tail(String... args) {
        CommandLine cli = SwitchboardCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "tail";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cli.execute(all);
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {}
}
