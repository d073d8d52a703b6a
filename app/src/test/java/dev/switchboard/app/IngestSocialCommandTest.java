package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestSocialCommandTest {

    @TempDir
    Path dir;

    @Test
    void helpNamesTheOptionsOfTheIssue() {
        Result result = run("ingest-social", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--config=FILE", "--bootstrap-servers=HOST:PORT", "--port=P");
    }

    @Test
    void aBrokenConfigurationStopsTheServiceWithOneLineNamingTheKey() throws Exception {
        Path config = Files.writeString(dir.resolve("ingest-social.yaml"), "http:\n  max-body-size: lots\n");

        Result result = run("ingest-social", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("configuration error")
                .contains("http.max-body-size")
                .doesNotContain("at dev.switchboard");
    }

    private static Result run(String... args) {
        CommandLine cli = SwitchboardCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {}
}
