package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SwitchboardSignatureTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final byte[] BODY = "{\"type\":\"agent_replied\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignatureVerifiesForItsBodyWithinTheWindow() {
        String header = SwitchboardSignature.sign("s3cret", NOW, BODY);

        assertThat(header).matches("t=1795687200,v1=[0-9a-f]{64}");
        assertThat(SwitchboardSignature.problem("s3cret", header, BODY, NOW.plusSeconds(120), Duration.ofMinutes(5)))
                .isEmpty();
    }

    @Test
    void aChangedBodyWrongSecretOrOldTimestampIsRejected() {
        String header = SwitchboardSignature.sign("s3cret", NOW, BODY);

        assertThat(SwitchboardSignature.problem(
                        "s3cret", header, "{}".getBytes(StandardCharsets.UTF_8), NOW, Duration.ofMinutes(5)))
                .contains("signature does not match the body");
        assertThat(SwitchboardSignature.problem("other", header, BODY, NOW, Duration.ofMinutes(5)))
                .contains("signature does not match the body");
        assertThat(SwitchboardSignature.problem(
                        "s3cret", header, BODY, NOW.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5)))
                .hasValueSatisfying(p -> assertThat(p).contains("outside the accepted window"));
    }

    @Test
    void malformedHeadersAreExplained() {
        assertThat(SwitchboardSignature.problem("s", null, BODY, NOW, Duration.ofMinutes(5)))
                .contains("missing X-Switchboard-Signature header");
        assertThat(SwitchboardSignature.problem("s", "sha256=abc", BODY, NOW, Duration.ofMinutes(5)))
                .hasValueSatisfying(p -> assertThat(p).contains("t=<unix seconds>,v1=<hex>"));
        assertThat(SwitchboardSignature.problem("s", "t=1,v1=zz", BODY, NOW, Duration.ofMinutes(5)))
                .hasValueSatisfying(p -> assertThat(p).contains("t=<unix seconds>,v1=<hex>"));
    }
}
