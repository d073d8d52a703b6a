package dev.switchboard.ingest.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailIngestConfigTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of("SUPPORT_IMAP_PASSWORD", "pw-from-env"));

    private EmailIngestConfig parse(String mailbox) {
        return loader.parse(
                "mail.yaml",
                "mailboxes:\n  - id: support\n    host: imap.example.com\n    username: s@example.com\n" + mailbox,
                EmailIngestConfig.class);
    }

    @Test
    void theExampleFileLoadsWithEveryDocumentedDefault() {
        Path example = Path.of("..", "config", "ingest-email.yaml");
        assertThat(Files.exists(example)).as("config/ingest-email.yaml").isTrue();

        MailboxConfig m =
                loader.load(example, EmailIngestConfig.class).mailboxes().get(0);

        assertThat(m.id()).isEqualTo("support");
        assertThat(m.security()).isEqualTo(MailboxConfig.Security.TLS);
        assertThat(m.port()).isEqualTo(993);
        assertThat(m.password()).contains("pw-from-env");
        assertThat(m.afterIngest()).isEqualTo(MailboxConfig.AfterIngest.MARK_SEEN);
        assertThat(m.maxMessageSize().bytes()).isEqualTo(25L * 1024 * 1024);
        assertThat(m.pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(m.toString()).doesNotContain("pw-from-env");
    }

    @Test
    void defaultsAreSafe() {
        MailboxConfig m = parse("    password: x\n").mailboxes().get(0);

        assertThat(m.security()).isEqualTo(MailboxConfig.Security.TLS);
        assertThat(m.port()).isEqualTo(993);
        assertThat(m.folder()).isEqualTo("INBOX");
        assertThat(m.auth()).isEqualTo(MailboxConfig.Auth.PASSWORD);
        assertThat(m.idle()).isTrue();
        assertThat(m.checkpointKey()).isEqualTo("support/INBOX");
        assertThat(parse("    password: x\n    security: starttls\n")
                        .mailboxes()
                        .get(0)
                        .port())
                .isEqualTo(143);
    }

    @Test
    void mistakesNameTheKey() {
        assertThatThrownBy(() -> parse("    password: x\n    security: ssl\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mailboxes[0].security")
                .hasMessageContaining("tls, starttls, none");
        assertThatThrownBy(() -> parse("    password: x\n    pasword: x\n"))
                .hasMessageContaining("unknown key 'pasword'");
        assertThatThrownBy(() -> parse("    password: x\n    after-ingest: move\n"))
                .hasMessageContaining("after-ingest move needs move-to");
        assertThatThrownBy(() -> parse("    password: x\n    password-file: /run/secrets/imap\n"))
                .hasMessageContaining("exactly one of password or password-file");
        assertThatThrownBy(() -> parse("    auth: xoauth2\n"))
                .hasMessageContaining("exactly one of token-file or token-command");
        assertThatThrownBy(() -> parse("    password: x\n    dead-letter-payload-cap: 2MB\n"))
                .hasMessageContaining("dead-letter-payload-cap");
        assertThatThrownBy(() -> loader.parse("mail.yaml", "kafka: {}\n", EmailIngestConfig.class))
                .hasMessageContaining("at least one mailbox");
    }

    @Test
    void passwordsStayOutOfToString() {
        EmailIngestConfig c = parse("    password: hunter2\n");
        assertThat(c.toString()).doesNotContain("hunter2");
    }
}
