package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    enum Security {
        TLS,
        STARTTLS,
        NONE
    }

    record Mailbox(String id, Security security, DataSize maxMessageSize, Optional<String> password, ZoneId zone) {
        Mailbox {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("id is required");
            }
            security = security == null ? Security.TLS : security;
            maxMessageSize = maxMessageSize == null ? DataSize.ofMegabytes(25) : maxMessageSize;
            password = password == null ? Optional.empty() : password;
        }
    }

    record Sample(List<Mailbox> mailboxes, Duration pollInterval, KafkaSettings kafka) {}

    private final ConfigLoader loader = new ConfigLoader(Map.of("IMAP_PASSWORD", "s3cret"));

    @Test
    void readsKebabCaseKeysUnitsAndEnvironmentVariables() {
        Sample sample = loader.parse("mail.yaml", """
                mailboxes:
                  - id: support
                    security: starttls
                    max-message-size: 10MB
                    password: ${IMAP_PASSWORD}
                    zone: Asia/Riyadh
                poll-interval: 1m30s
                kafka:
                  bootstrap-servers: kafka:9092
                  properties:
                    security.protocol: SSL
                """, Sample.class);

        Mailbox mailbox = sample.mailboxes().get(0);
        assertThat(mailbox.security()).isEqualTo(Security.STARTTLS);
        assertThat(mailbox.maxMessageSize().bytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(mailbox.password()).contains("s3cret");
        assertThat(mailbox.zone()).isEqualTo(ZoneId.of("Asia/Riyadh"));
        assertThat(sample.pollInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(sample.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(sample.kafka().properties()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void appliesDefaultsForMissingKeys() {
        Sample sample = loader.parse("mail.yaml", "mailboxes: [{id: support}]", Sample.class);

        assertThat(sample.mailboxes().get(0).security()).isEqualTo(Security.TLS);
        assertThat(sample.mailboxes().get(0).maxMessageSize()).isEqualTo(DataSize.ofMegabytes(25));
        assertThat(sample.kafka()).isNull();
    }

    @Test
    void namesTheFileAndKeyOfAnUnknownKey() {
        assertThatThrownBy(() -> loader.parse("mail.yaml", """
                mailboxes:
                  - id: support
                    pasword: x
                """, Sample.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mail.yaml: mailboxes[0].pasword: unknown key 'pasword'; expected one of:")
                .hasMessageContaining("password");
    }

    @Test
    void explainsAWrongEnumValue() {
        assertThatThrownBy(() -> loader.parse("mail.yaml", "mailboxes: [{id: a, security: ssl}]", Sample.class))
                .hasMessage("mail.yaml: mailboxes[0].security: expected one of tls, starttls, none, got 'ssl'");
    }

    @Test
    void explainsAWrongUnit() {
        assertThatThrownBy(() -> loader.parse("mail.yaml", "poll-interval: soon", Sample.class))
                .hasMessageStartingWith("mail.yaml: poll-interval: expected a duration such as 250ms");
        assertThatThrownBy(
                        () -> loader.parse("mail.yaml", "mailboxes: [{id: a, max-message-size: huge}]", Sample.class))
                .hasMessageStartingWith("mail.yaml: mailboxes[0].max-message-size: expected a size such as 25MB");
        assertThatThrownBy(() -> loader.parse("mail.yaml", "mailboxes: [{id: a, zone: Mars/Olympus}]", Sample.class))
                .hasMessageStartingWith("mail.yaml: mailboxes[0].zone: expected an IANA time zone");
    }

    @Test
    void reportsValidationFailuresWithTheirPath() {
        assertThatThrownBy(() -> loader.parse("mail.yaml", "mailboxes: [{security: tls}]", Sample.class))
                .hasMessage("mail.yaml: mailboxes[0]: id is required");
    }

    @Test
    void aMissingEnvironmentVariableIsAnErrorUnlessItHasADefault() {
        assertThatThrownBy(() -> loader.parse("mail.yaml", "mailboxes: [{id: a, password: '${NOPE}'}]", Sample.class))
                .hasMessage("mail.yaml: mailboxes[0].password: environment variable NOPE is not set"
                        + " (write ${NOPE:-default} to give a default)");

        Sample sample = loader.parse("mail.yaml", "mailboxes: [{id: a, password: '${NOPE:-fallback}'}]", Sample.class);
        assertThat(sample.mailboxes().get(0).password()).contains("fallback");
    }

    @Test
    void pointsAtTheLineOfBrokenYaml() {
        assertThatThrownBy(() -> loader.parse("mail.yaml", "mailboxes:\n  - id: [unclosed\n", Sample.class))
                .hasMessageStartingWith("mail.yaml: not valid YAML at line");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> loader.load(Path.of("/nonexistent/switchboard.yaml"), Sample.class))
                .hasMessage("/nonexistent/switchboard.yaml: no such configuration file");
    }
}
