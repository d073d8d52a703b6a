package dev.switchboard.ingest.social;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HandshakesTest {

    @Test
    void metaEchoesTheChallengeForOurVerifyToken() {
        assertThat(Handshakes.metaChallenge("subscribe", "my-token", "1158201444", "my-token"))
                .contains("1158201444");
    }

    @Test
    void metaRefusesAWrongTokenAnotherModeOrNoChallenge() {
        assertThat(Handshakes.metaChallenge("subscribe", "other", "1158201444", "my-token"))
                .isEmpty();
        assertThat(Handshakes.metaChallenge("unsubscribe", "my-token", "1158201444", "my-token"))
                .isEmpty();
        assertThat(Handshakes.metaChallenge("subscribe", null, "1158201444", "my-token"))
                .isEmpty();
        assertThat(Handshakes.metaChallenge("subscribe", "my-token", null, "my-token"))
                .isEmpty();
    }

    @Test
    void xCrcAnswerIsTheBase64HmacOfTheTokenWithTheConsumerSecret() {
        // The example of X's documentation, checked with:
        // printf '%s' TOKEN | openssl dgst -sha256 -hmac SECRET -binary | base64
        String token = Handshakes.crcResponseToken(
                "z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu", "9b4507b3-9040-4669-9ca3-6b94edb50553");

        assertThat(token).isEqualTo("sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=");
    }
}
