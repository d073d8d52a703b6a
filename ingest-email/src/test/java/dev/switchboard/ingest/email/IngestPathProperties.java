package dev.switchboard.ingest.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The per-message steps that were made cheaper keep their meaning: base64 bodies and the fingerprint window. */
class IngestPathProperties {

    @Property
    void base64BodiesDecodeToTheirBytesWhateverTheLineLengthAndPadding(
            @ForAll @Size(max = 2000) byte[] data, @ForAll @IntRange(min = 1, max = 40) int groupsPerLine) {
        String mime = Base64.getMimeEncoder(groupsPerLine * 4, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(data);

        assertThat(EncodedWords.base64(mime.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(data);
        assertThat(EncodedWords.base64(mime.replace("=", "").getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(data);
    }

    @Property
    void lenientBase64SkipsWhatIsNotInTheAlphabetAsBefore(
            @ForAll
                    @Chars({'=', '\r', '\n', ' ', '-', '_', '*', '.'})
                    @CharRange(from = 'A', to = 'Z')
                    @CharRange(from = 'a', to = 'z')
                    @CharRange(from = '0', to = '9')
                    @Chars({'+', '/'})
                    String text) {
        assertThat(EncodedWords.base64(text.getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(cleanThenDecode(text));
    }

    @Property
    void theFingerprintWindowHoldsTheLastMemoryMessagesInOrder(
            @ForAll @IntRange(min = 1, max = 30) int memory, @ForAll @IntRange(max = 80) int messages) {
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        FolderCheckpoint cp = FolderCheckpoint.start(1, 0);
        RecentFingerprints reference = new RecentFingerprints(memory, List.of());
        for (int i = 1; i <= messages; i++) {
            Fingerprint f = Fingerprint.of(t0.plusSeconds(i), "hash" + i, Optional.of("m" + i + "@example.com"));
            cp = cp.advance(i, Optional.of(f), memory);
            reference.add(f);
        }

        assertThat(cp.fingerprints()).isEqualTo(reference.formatted());
        assertThat(cp.lastUid()).isEqualTo(messages);
    }

    /** The decoder as it was: keep the alphabet, pad a last group of 2 or 3, decode with the JDK. */
    private static byte[] cleanThenDecode(String text) {
        String clean = text.replaceAll("[^A-Za-z0-9+/]", "");
        int rest = clean.length() % 4;
        String body = clean.substring(0, clean.length() - rest);
        if (rest >= 2) {
            body = body + clean.substring(clean.length() - rest) + "=".repeat(4 - rest);
        }
        return Base64.getDecoder().decode(body);
    }
}
