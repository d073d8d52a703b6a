package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestEmailCommandTest {

    @Test
    void aConfigurationMistakeIsOneClearLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mail.yaml");
        Files.writeString(
                file,
                "mailboxes:\n  - id: support\n    host: imap.example.com\n    username: s@example.com\n"
                        + "    password: x\n    security: ssl\n");
        CommandLine cli = SwitchboardCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("ingest-email", "--config", file.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("configuration error")
                .contains("mailboxes[0].security")
                .doesNotContain("Exception");
    }

    @Test
    void helpNamesTheOptions() {
        CommandLine cli = SwitchboardCommand.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));

        assertThat(cli.execute("ingest-email", "--help")).isZero();
        assertThat(out.toString()).contains("--config").contains("--bootstrap-servers");
    }
}
