package dev.switchboard.ingest.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.MailboxCheckpoint;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DomainPiecesTest {

    @Test
    void backoffDoublesWithJitterUpToTheCapAndResets() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 1.0);
        assertThat(List.of(b.next(), b.next(), b.next(), b.next(), b.next()))
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(10));
        Backoff low = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.0);
        low.next();
        assertThat(low.next()).isEqualTo(Duration.ofSeconds(1)); // half of 2 s: jitter never waits less than half
        b.reset();
        assertThat(b.next()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void encodedWordsJoinBytesSplitAcrossWords() {
        byte[] utf8 = "مرحبا".getBytes(StandardCharsets.UTF_8);
        String first = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(utf8, 3));
        String second =
                java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(utf8, 3, utf8.length));
        EncodedWords.Result r = EncodedWords.decode("=?UTF-8?B?" + first + "?= =?UTF-8?B?" + second + "?=");

        assertThat(r.text()).isEqualTo("مرحبا");
        assertThat(r.fallback()).isFalse();
    }

    @Test
    void textDecoderKeepsValidDeclaredCharsetsAndFlagsTheRest() {
        byte[] arabic = "طلب".getBytes(Charset.forName("windows-1256"));
        assertThat(TextDecoder.decode(arabic, Optional.of("windows-1256")))
                .isEqualTo(new TextDecoder.Decoded("طلب", false));
        assertThat(TextDecoder.decode(arabic, Optional.of("us-ascii"))).isEqualTo(new TextDecoder.Decoded("طلب", true));
        assertThat(TextDecoder.decode("café".getBytes(StandardCharsets.UTF_8), Optional.empty()))
                .isEqualTo(new TextDecoder.Decoded("café", true));
        assertThat(TextDecoder.decode("plain".getBytes(StandardCharsets.US_ASCII), Optional.of("x-nonsense")))
                .isEqualTo(new TextDecoder.Decoded("plain", false));
    }

    @Test
    void checkpointRescanSkipsByFingerprintAndByFloor() {
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        Fingerprint a = Fingerprint.of(t0, "aaaa", Optional.of("a@example.com"));
        Fingerprint b = Fingerprint.of(t0.plusSeconds(60), "bbbb", Optional.empty());
        Fingerprint c = Fingerprint.of(t0.plusSeconds(120), "cccc", Optional.of("c@example.com"));
        FolderCheckpoint cp = FolderCheckpoint.start(1, 0)
                .advance(1, Optional.of(a), 2)
                .advance(2, Optional.of(b), 2)
                .advance(3, Optional.of(c), 2);

        assertThat(cp.fingerprints()).hasSize(2); // a was forgotten: the memory holds two
        assertThat(cp.rescanFloor()).contains(t0.plusSeconds(60));
        FolderCheckpoint rescan = cp.rescan(2, 5);
        assertThat(rescan.rescanning()).isTrue();
        assertThat(rescan.lastUid()).isZero();
        assertThat(rescan.alreadyIngested(Fingerprint.of(t0, "zzzz", Optional.of("c@example.com")), 2))
                .isTrue();
        assertThat(rescan.alreadyIngested(Fingerprint.of(t0, "bbbb", Optional.empty()), 2))
                .isTrue();
        assertThat(rescan.alreadyIngested(Fingerprint.of(t0, "dddd", Optional.of("d@example.com")), 2))
                .isFalse();
        assertThat(rescan.advance(5, Optional.empty(), 2).rescanning()).isFalse();
        FolderCheckpoint roundTrip =
                FolderCheckpoint.from(rescan.toEvent("support", "INBOX", Instant.parse("2026-12-01T00:00:00Z")));
        assertThat(roundTrip).isEqualTo(rescan);
    }

    @Test
    void aStoredCheckpointKeepsOnlyTheFingerprintsThisVersionCanRead() {
        MailboxCheckpoint stored = MailboxCheckpoint.newBuilder()
                .setMailboxId("support")
                .setFolder("INBOX")
                .setUidValidity(7)
                .setLastUid(42)
                .setUpdatedAt(Instant.parse("2026-12-01T00:00:00Z"))
                .setRecentFingerprints(List.of("mid:CAF=abc123@mail.example.com", "t=1000;c=aaaa;m=bbbb"))
                .build();

        FolderCheckpoint cp = FolderCheckpoint.from(stored);

        assertThat(cp.fingerprints()).containsExactly("t=1000;c=aaaa;m=bbbb");
        assertThat(cp.advance(43, Optional.of(Fingerprint.of(Instant.ofEpochMilli(2000), "cccc", Optional.empty())), 2)
                        .fingerprints())
                .containsExactly("t=1000;c=aaaa;m=bbbb", "t=2000;c=cccc");
    }

    @Test
    void aBatchOfUidsIsFetchedAsRanges() {
        assertThat(BodyPrefetch.uidSet(List.of(3L, 4L, 5L, 6L, 7L, 9L, 12L, 13L)))
                .isEqualTo("3:7,9,12:13");
        assertThat(BodyPrefetch.uidSet(List.of(42L))).isEqualTo("42");
    }

    @Test
    void messageIdsWithAndWithoutBrackets() {
        assertThat(MessageIds.parse("<a@x> <b@y>\r\n <c@z>")).containsExactly("a@x", "b@y", "c@z");
        assertThat(MessageIds.parse("a@x, b@y")).containsExactly("a@x", "b@y");
        assertThat(MessageIds.parse("  ")).isEmpty();
    }
}
