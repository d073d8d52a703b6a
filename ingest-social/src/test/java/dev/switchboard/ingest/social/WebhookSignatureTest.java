package dev.switchboard.ingest.social;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.http.SwitchboardSignature.Verdict;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final byte[] BODY = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
    // Computed independently: printf '%s' BODY | openssl dgst -sha256 -hmac meta-app-secret
    private static final String META_SIGNATURE =
            "sha256=5dcb51eb590634700c8d9cc1fde4d2d5981ca7bb83f250eb3fb71bfd849057ed";

    private final WebhookSignature meta = Platform.META.signature("meta-app-secret");
    private final WebhookSignature x = Platform.X.signature("x-consumer-secret");

    @Test
    void acceptsMetasHexSignatureOfTheRawBody() {
        assertThat(meta.verify(META_SIGNATURE, BODY)).isEqualTo(Verdict.VALID);
        assertThat(meta.verify(META_SIGNATURE.toUpperCase().replace("SHA256=", "sha256="), BODY))
                .isEqualTo(Verdict.VALID);
        assertThat(meta.sign(BODY)).isEqualTo(META_SIGNATURE);
    }

    @Test
    void acceptsXsBase64Signature() {
        byte[] body = "{\"for_user_id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        // printf '%s' BODY | openssl dgst -sha256 -hmac x-consumer-secret -binary | base64
        assertThat(x.verify("sha256=hfVR+B7xHXLf2eIjgiQpYAk6I3c21h4ceJtmD/P/7tI=", body))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void refusesABodyChangedByOneByte() {
        byte[] tampered = BODY.clone();
        tampered[3] ^= 1;

        assertThat(meta.verify(META_SIGNATURE, tampered)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void refusesAnotherSecretsSignature() {
        String forged = Platform.META.signature("guessed-secret").sign(BODY);

        assertThat(meta.verify(forged, BODY)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void tellsMissingFromMalformed() {
        assertThat(meta.verify(null, BODY)).isEqualTo(Verdict.MISSING);
        assertThat(meta.verify("  ", BODY)).isEqualTo(Verdict.MISSING);
        assertThat(meta.verify("sha1=5dcb51eb", BODY)).isEqualTo(Verdict.MALFORMED);
        assertThat(meta.verify("sha256=not-hex", BODY)).isEqualTo(Verdict.MALFORMED);
        assertThat(x.verify("sha256=%%%", BODY)).isEqualTo(Verdict.MALFORMED);
        // A truncated MAC is a mismatch, not a prefix match.
        assertThat(meta.verify(META_SIGNATURE.substring(0, 21), BODY)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void webFormSignaturesAreTimestampedAndExpire() {
        WebhookSignature web = Platform.WEB.signature("web-secret");
        java.time.Instant now = java.time.Instant.parse("2026-11-26T10:00:00Z");
        String header = web.sign(BODY, now);

        assertThat(header).startsWith("t=1795687200,v1=");
        assertThat(web.verify(header, BODY, now.plusSeconds(60))).isEqualTo(Verdict.VALID);
        assertThat(web.verify(header, BODY, now.plusSeconds(600))).isEqualTo(Verdict.EXPIRED);
        assertThat(web.verify("sha256=" + "ab".repeat(32), BODY, now)).isEqualTo(Verdict.MALFORMED);
    }
}
