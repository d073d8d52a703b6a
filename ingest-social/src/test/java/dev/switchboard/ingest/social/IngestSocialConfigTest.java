package dev.switchboard.ingest.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.DataSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestSocialConfigTest {

    @TempDir
    Path dir;

    @Test
    void theExampleConfigurationEnablesThePlatformsWhoseSecretsAreSet() {
        ConfigLoader loader = new ConfigLoader(Map.of(
                "META_APP_SECRET", "meta-secret",
                "META_VERIFY_TOKEN", "meta-token",
                "WEB_FORM_SECRET", "web-secret"));
        IngestSocialConfig config = loader.load(exampleConfig(), IngestSocialConfig.class);
        List<String> warnings = new ArrayList<>();

        Map<Platform, Credentials> enabled = Credentials.resolve(config, warnings);

        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(config.http().ackTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(enabled).containsOnlyKeys(Platform.META, Platform.WEB);
        assertThat(enabled.get(Platform.META).verifyToken()).contains("meta-token");
        assertThat(warnings)
                .containsExactly(
                        "whatsapp: disabled, whatsapp.app-secret and whatsapp.verify-token are not set",
                        "x: disabled, x.consumer-secret is not set");
        assertThat(enabled.get(Platform.META).toString()).doesNotContain("meta-secret");
    }

    @Test
    void secretsCanComeFromFilesWithoutTheirTrailingNewline() throws IOException {
        Path secret = Files.writeString(dir.resolve("x-secret"), "from-a-file\n");
        IngestSocialConfig config = new ConfigLoader(Map.of())
                .parse(
                        "ingest-social.yaml",
                        "x:\n  consumer-secret-file: " + secret + "\nhttp:\n  port: 0\n  ack-timeout: 2s\n",
                        IngestSocialConfig.class);

        Map<Platform, Credentials> enabled = Credentials.resolve(config, new ArrayList<>());

        assertThat(enabled.get(Platform.X).signingSecret()).isEqualTo("from-a-file");
        assertThat(config.http().ackTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aMetaAppNeedsBothItsSecretAndItsVerifyToken() {
        IngestSocialConfig config = new ConfigLoader(Map.of())
                .parse("ingest-social.yaml", "meta:\n  app-secret: s\n", IngestSocialConfig.class);
        List<String> warnings = new ArrayList<>();

        assertThat(Credentials.resolve(config, warnings)).doesNotContainKey(Platform.META);
        assertThat(warnings).contains("meta: disabled, meta.verify-token is not set");
    }

    @Test
    void mistakesNameTheKey() {
        ConfigLoader loader = new ConfigLoader(Map.of());

        assertThatThrownBy(() -> loader.parse(
                        "ingest-social.yaml",
                        "web:\n  secret: a\n  secret-file: /run/secrets/web\n",
                        IngestSocialConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("web")
                .hasMessageContaining("set secret or secret-file, not both");
        assertThatThrownBy(() ->
                        loader.parse("ingest-social.yaml", "http:\n  ack-timeout: 5m\n", IngestSocialConfig.class))
                .hasMessageContaining("ack-timeout must be between 1s and 60s");
        assertThatThrownBy(
                        () -> loader.parse("ingest-social.yaml", "meta:\n  app-secrt: x\n", IngestSocialConfig.class))
                .hasMessageContaining("meta.app-secrt: unknown key");
        IngestSocialConfig missingFile = loader.parse(
                "ingest-social.yaml", "web:\n  secret-file: " + dir.resolve("nope") + "\n", IngestSocialConfig.class);
        assertThatThrownBy(() -> Credentials.resolve(missingFile, new ArrayList<>()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("web.secret-file: no such file");
    }

    /** The repository's config/ingest-social.yaml, found from the module directory. */
    static Path exampleConfig() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("config/ingest-social.yaml");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("config/ingest-social.yaml not found above " + here);
    }
}
