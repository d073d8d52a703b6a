package dev.switchboard.router.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.router.RouterFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterConfigTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of("KAFKA", "broker:9092"));

    @Test
    void theShippedFilesLoad() {
        RouterConfig config =
                RouterConfig.load(loader, RouterFixtures.configDir().resolve("router.yaml"));
        RoutingRules rules = config.rules();
        assertThat(rules.languages()).containsExactly("en", "ar");
        assertThat(rules.windows().dedupe()).isEqualTo(Duration.ofDays(7));
        assertThat(rules.intents().keySet()).containsExactlyInAnyOrderElementsOf(RoutingRules.INTENTS);
        assertThat(rules.routing().destinationOf("refund").team()).isEqualTo("billing");
        assertThat(rules.routing().destinationOf("refund").routingGroup()).isEqualTo("default");
        assertThat(rules.routing().destinationOf("nonsense").team()).isEqualTo("support");
        assertThat(config.assignment().checkEvery()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.assignment().replyWithin()).isEqualTo(Duration.ofHours(1));
        assertThat(config.assignment().kindOf("whatsapp")).isEqualTo("social");
        assertThat(config.assignment().fallbackFor("ar")).isEmpty();
        assertThat(config.assignment().fallbackFor("fr")).containsExactly("en");
    }

    @Test
    void rulesAreFoundNextToTheServiceFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("router.yaml"), "kafka:\n  bootstrap-servers: ${KAFKA}\nrules: rules/r.yaml\n");
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/r.yaml"), "windows:\n  reopen: 3d\n");
        RouterConfig config = RouterConfig.load(loader, dir.resolve("router.yaml"));
        assertThat(config.kafka().bootstrapServers()).isEqualTo("broker:9092");
        assertThat(config.rules().windows().reopen()).isEqualTo(Duration.ofDays(3));
        assertThat(config.rules().windows().dedupe()).isEqualTo(Duration.ofDays(7));
        assertThat(config.assignment()).isEqualTo(AssignmentSettings.defaults());
    }

    @Test
    void assignmentSettingsAreFoundNextToTheServiceFileAndChecked(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("router.yaml"), "rules: r.yaml\nassignment: a.yaml\n");
        Files.writeString(dir.resolve("r.yaml"), "");
        Files.writeString(dir.resolve("a.yaml"), "reply-within: 30m\nlanguage-fallback: {ar: [EN]}\n");
        RouterConfig config = RouterConfig.load(loader, dir.resolve("router.yaml"));
        assertThat(config.assignment().replyDeadline()).contains(Duration.ofMinutes(30));
        assertThat(config.assignment().fallbackFor("ar")).containsExactly("en");

        Files.writeString(dir.resolve("a.yaml"), "channel-kinds: {email: [email], social: [email]}\n");
        assertThatThrownBy(() -> RouterConfig.load(loader, dir.resolve("router.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("a.yaml")
                .hasMessageContaining("channel 'email' is under both email and social");

        Files.writeString(dir.resolve("a.yaml"), "unknown-presence: maybe\n");
        assertThatThrownBy(() -> RouterConfig.load(loader, dir.resolve("router.yaml")))
                .hasMessageContaining("unknown-presence must be offline or online");

        Files.writeString(dir.resolve("a.yaml"), "sticky-windw: 7d\n");
        assertThatThrownBy(() -> RouterConfig.load(loader, dir.resolve("router.yaml")))
                .hasMessageContaining("sticky-windw");
    }

    @Test
    void mistakesNameTheFileAndTheKey(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("routing.yaml");
        Files.writeString(rules, "intents:\n  refunds:\n    en: {keywords: [refund]}\n");
        assertThatThrownBy(() -> RoutingRules.load(loader, rules))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("routing.yaml")
                .hasMessageContaining("unknown intent 'refunds'");

        Files.writeString(rules, "windows:\n  reopen: 0s\n");
        assertThatThrownBy(() -> RoutingRules.load(loader, rules))
                .hasMessageContaining("windows")
                .hasMessageContaining("reopen must be a positive duration");

        Files.writeString(rules, "intents:\n  refund:\n    en: {patterns: ['(unclosed']}\n");
        assertThatThrownBy(() ->
                        new dev.switchboard.router.understanding.RuleBasedClassifier(RoutingRules.load(loader, rules)))
                .hasMessageContaining("intents.refund.en")
                .hasMessageContaining("(unclosed");

        Path service = dir.resolve("router.yaml");
        Files.writeString(service, "kafka: {}\n");
        assertThatThrownBy(() -> RouterConfig.load(loader, service)).hasMessageContaining("rules: missing");
    }
}
