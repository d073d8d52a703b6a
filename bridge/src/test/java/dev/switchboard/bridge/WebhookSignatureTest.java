package dev.switchboard.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final byte[] BODY = "{\"type\":\"agent_replied\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignatureVerifiesForItsBodyWithinTheWindow() {
        String header = WebhookSignature.sign("s3cret", NOW, BODY);

        assertThat(header).matches("t=1795687200,v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.problem("s3cret", header, BODY, NOW.plusSeconds(120), Duration.ofMinutes(5)))
                .isEmpty();
    }

    @Test
    void aChangedBodyWrongSecretOrOldTimestampIsRejected() {
        String header = WebhookSignature.sign("s3cret", NOW, BODY);

        assertThat(WebhookSignature.problem(
                        "s3cret", header, "{}".getBytes(StandardCharsets.UTF_8), NOW, Duration.ofMinutes(5)))
                .contains("signature does not match the body");
        assertThat(WebhookSignature.problem("other", header, BODY, NOW, Duration.ofMinutes(5)))
                .contains("signature does not match the body");
        assertThat(WebhookSignature.problem(
                        "s3cret", header, BODY, NOW.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5)))
                .hasValueSatisfying(p -> assertThat(p).contains("outside the accepted window"));
    }

    @Test
    void malformedHeadersAreExplained() {
        assertThat(WebhookSignature.problem("s", null, BODY, NOW, Duration.ofMinutes(5)))
                .contains("missing X-Switchboard-Signature header");
        assertThat(WebhookSignature.problem("s", "sha256=abc", BODY, NOW, Duration.ofMinutes(5)))
                .hasValueSatisfying(p -> assertThat(p).contains("t=<unix seconds>,v1=<hex>"));
        assertThat(WebhookSignature.problem("s", "t=1,v1=zz", BODY, NOW, Duration.ofMinutes(5)))
                .contains("malformed X-Switchboard-Signature header");
    }
}
