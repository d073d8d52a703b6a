package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.InboundMessage;
import dev.switchboard.ingest.email.EmailEvents;
import dev.switchboard.ingest.email.MessageContext;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MimeCorpusTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final MimeCorpus corpus = new MimeCorpus(7);
    private final EmailEvents events = new EmailEvents(100_000, 512 * 1024);

    @Test
    void theSameSeedAndIndexGiveTheSameBytes() {
        assertThat(new MimeCorpus(7).message(123)).isEqualTo(corpus.message(123));
        assertThat(new MimeCorpus(8).message(123)).isNotEqualTo(corpus.message(123));
    }

    @Test
    void everyKindAppearsAtAboutItsShare() {
        Map<MimeCorpus.Kind, Integer> kinds = new EnumMap<>(MimeCorpus.Kind.class);
        IntStream.range(0, 5000).forEach(i -> kinds.merge(corpus.kind(i), 1, Integer::sum));

        assertThat(kinds).containsOnlyKeys(MimeCorpus.Kind.values());
        assertThat(kinds.get(MimeCorpus.Kind.PLAIN)).isBetween(900, 1100);
        assertThat(kinds.get(MimeCorpus.Kind.NO_SENDER)).isBetween(25, 75);
    }

    @Test
    void ingestEmailReadsEachKindAsWhatItIs() {
        for (int i = 0; i < 1500; i++) {
            byte[] raw = corpus.message(i);
            MimeCorpus.Kind kind = corpus.kind(i);
            EmailEvents.Conversion c = events.convert(raw, context(i), NOW);
            if (kind == MimeCorpus.Kind.NO_SENDER) {
                assertThat(c).as("message %d", i).isInstanceOf(EmailEvents.Rejected.class);
                continue;
            }
            assertThat(c).as("message %d (%s): %s", i, kind, c).isInstanceOf(EmailEvents.Accepted.class);
            InboundMessage e = ((EmailEvents.Accepted) c).event();
            assertThat(e.getMetadata()).as("message %d (%s)", i, kind).doesNotContainKey("mime.problems");
            assertThat(e.getFlags().getCharsetFallback()).as("message %d", i).isFalse();
            switch (kind) {
                case ARABIC_UTF8, ARABIC_WINDOWS_1256 -> {
                    assertThat(e.getBodyText()).as("message %d", i).containsPattern("\\p{IsArabic}{3}");
                    assertThat(e.getSubject()).as("message %d", i).containsPattern("\\p{IsArabic}{3}");
                }
                case REPLY -> {
                    assertThat(e.getThreading().getReferences()).hasSize(2);
                    assertThat(e.getThreading().getInReplyTo()).hasSize(1);
                    assertThat(e.getBodyText().length())
                            .isLessThan(e.getFullText().length());
                }
                case ATTACHMENTS -> assertThat(e.getAttachments()).isNotEmpty();
                case AUTO_REPLY -> assertThat(e.getFlags().getAutoReply()).isTrue();
                case BOUNCE -> assertThat(e.getBounce().getFailedRecipient()).startsWith("gone");
                case PLAIN, HTML_ALTERNATIVE -> {
                    assertThat(e.getBodyText()).as("message %d", i).isNotBlank();
                    assertThat(e.getFlags().getAutoReply()).isFalse();
                    assertThat(e.getFlags().getBounce()).isFalse();
                }
                default -> {}
            }
        }
    }

    @Test
    void attachmentsRangeFromAFewToAFewHundredKilobytes() {
        int[] sizes = IntStream.range(0, 3000)
                .filter(i -> corpus.kind(i) == MimeCorpus.Kind.ATTACHMENTS)
                .map(i -> corpus.message(i).length)
                .sorted()
                .toArray();
        assertThat(sizes[0]).isBetween(4_000, 20_000);
        assertThat(sizes[sizes.length - 1]).isBetween(300_000, 1_300_000);
    }

    private static MessageContext context(long uid) {
        return new MessageContext("bench", "INBOX", uid, 1L, Optional.of(NOW));
    }
}
