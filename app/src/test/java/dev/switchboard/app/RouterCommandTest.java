package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RouterCommandTest {

    private record Result(int exitCode, String out, String err) {}

    private static Result run(String... args) {
        CommandLine cli = SwitchboardCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        return Files.isDirectory(dir.resolve("config")) ? dir : dir.getParent();
    }

    @Test
    void evaluatePrintsPrecisionRecallAndF1PerIntent() {
        Result result = run(
                "router",
                "evaluate",
                "--rules",
                repo().resolve("config/routing.yaml").toString(),
                "--set",
                repo().resolve("router/src/test/resources/eval/intents.jsonl").toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("| intent | support | precision | recall | F1 |")
                .contains("| refund |")
                .contains("| **macro** |")
                .contains("accuracy");
    }

    @Test
    void theServiceNeedsItsConfiguration() {
        Result result = run("router");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--config FILE");
    }

    @Test
    void aMissingRulesFileIsAConfigurationError() {
        Result result = run("router", "evaluate", "--rules", "no-such.yaml", "--set", "x.jsonl");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no-such.yaml: no such configuration file");
    }
}
