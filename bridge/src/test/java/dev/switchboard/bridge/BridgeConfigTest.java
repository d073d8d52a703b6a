package dev.switchboard.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeConfigTest {

    @Test
    void theShippedFileLoadsWithNothingSetAndDisablesWhatHasNoSecret() {
        BridgeConfig config = new ConfigLoader(Map.of()).load(Path.of("../config/bridge.yaml"), BridgeConfig.class);

        assertThat(config.inbound().enabled()).isFalse();
        assertThat(config.outbound())
                .singleElement()
                .satisfies(e -> assertThat(e.enabled()).isFalse());
    }

    @Test
    void theShippedFileTakesSecretsAndUrlsFromTheEnvironment() {
        BridgeConfig config = new ConfigLoader(Map.of(
                        "HELPDESK_TOKEN", "t0ken",
                        "HELPDESK_WEBHOOK_URL", "https://helpdesk.example/hooks",
                        "HELPDESK_WEBHOOK_SECRET", "s3cret"))
                .load(Path.of("../config/bridge.yaml"), BridgeConfig.class);

        assertThat(config.inbound().bearerToken()).contains("t0ken");
        BridgeConfig.Endpoint helpdesk = config.outbound().get(0);
        assertThat(helpdesk.enabled()).isTrue();
        assertThat(helpdesk.events())
                .containsExactly(BridgeConfig.EventKind.ASSIGNMENT, BridgeConfig.EventKind.SLA_ALERT);
        assertThat(helpdesk.maxAttempts()).isEqualTo(8);
    }

    @Test
    void aJsonEndpointWithoutASecretIsRefused() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse("bridge.yaml", """
                        outbound:
                          - {name: helpdesk, url: "https://helpdesk.example/hooks"}
                        """, BridgeConfig.class))
                .hasMessageContaining("outbound[0]: secret: required for the json format");
    }
}
