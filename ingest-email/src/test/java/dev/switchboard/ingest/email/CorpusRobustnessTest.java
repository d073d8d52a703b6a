package dev.switchboard.ingest.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.InboundMessage;
import dev.switchboard.testkit.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Mail nobody on the team wrote: every message yields an event or a dead letter, and bounces are recognised. */
class CorpusRobustnessTest {
    private static final Logger log = LoggerFactory.getLogger(CorpusRobustnessTest.class);
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private final EmailEvents events = new EmailEvents(100_000, 64 * 1024);

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(suffix))
                    .sorted()
                    .toList();
        }
    }

    private EmailEvents.Conversion convert(Path file) throws IOException {
        return events.convert(Files.readAllBytes(file), TestMessages.context(1), NOW);
    }

    @Test
    void everyMime4jTestMessageYieldsAnEventOrADeadLetter() throws IOException {
        List<Path> files = files(Corpora.require("apache-james-mime4j/testmsgs"), ".msg");
        int events = 0;
        for (Path file : files) {
            EmailEvents.Conversion c = convert(file);
            assertThat(c).as(file.getFileName().toString()).isNotNull();
            if (c instanceof EmailEvents.Accepted a) {
                events++;
                assertThat(a.event().getFullText()).as(file.toString()).doesNotContain("\uFFFD\uFFFD\uFFFD");
            }
        }
        assertThat(files).hasSizeGreaterThan(30);
        log.info("mime4j: {} of {} messages became events, the rest dead letters", events, files.size());
    }

    @Test
    void mime4jDecodedTextPartsAreInOurText() throws IOException {
        Path dir = Corpora.require("apache-james-mime4j/testmsgs");
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Path msg : files(dir, ".msg")) {
            String base = msg.getFileName().toString().replace(".msg", "");
            Path expected = dir.resolve(base + "_decoded_1.txt");
            if (!Files.exists(expected)) {
                continue;
            }
            byte[] part = Files.readAllBytes(expected);
            // The first run of plain ASCII words in the decoded part: charset-independent evidence.
            java.util.regex.Matcher ascii = java.util.regex.Pattern.compile("[A-Za-z0-9][ -~]{8,}")
                    .matcher(new String(part, java.nio.charset.StandardCharsets.ISO_8859_1));
            if (!ascii.find()) {
                continue;
            }
            String words = ascii.group().strip();
            checked++;
            MimeReader.Result r = new MimeReader(1_000_000).read(Files.readAllBytes(msg));
            boolean found = r instanceof MimeReader.Parsed p
                    && (p.email().text().contains(words)
                            || p.email().attachments().stream().anyMatch(a -> a.size() == part.length));
            if (!found) {
                wrong.add(base);
            }
        }
        log.info("mime4j decoded parts: {} checked, differing {}", checked, wrong);
        assertThat(checked).isGreaterThanOrEqualTo(8);
        assertThat(wrong.size()).as("differing: " + wrong).isLessThanOrEqualTo(checked / 5);
    }

    @Test
    void everySisimaiMessageInEveryLineEndingYieldsAnEventOrADeadLetter() throws IOException {
        List<Path> files = files(Corpora.require("sisimai-set-of-emails/maildir"), ".eml");
        for (Path file : files) {
            assertThat(convert(file)).as(file.toString()).isNotNull();
        }
        assertThat(files).hasSizeGreaterThan(800);
    }

    /** The same bounces with LF, CRLF and bare CR line ends. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"bsd", "dos", "mac"})
    void sisimaiBouncesAreFlaggedWithRecipientAndStatus(String lineEnds) throws IOException {
        List<Path> files = files(Corpora.require("sisimai-set-of-emails/maildir/" + lineEnds), ".eml");
        List<String> missed = new ArrayList<>();
        int bounces = 0;
        int withRecipient = 0;
        int withStatus = 0;
        List<String> noRecipient = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!(name.startsWith("lhost-") || name.startsWith("rhost-") || name.startsWith("rfc3464-"))) {
                continue;
            }
            bounces++;
            if (!(convert(file) instanceof EmailEvents.Accepted a)
                    || !a.event().getFlags().getBounce()) {
                missed.add(name);
                continue;
            }
            InboundMessage e = a.event();
            if (e.getBounce().getFailedRecipient() != null) {
                withRecipient++;
            } else {
                noRecipient.add(name);
            }
            if (e.getBounce().getStatus() != null) {
                withStatus++;
            }
        }
        log.info(
                "sisimai {}: {} bounces, {} missed {}, {} with recipient, {} with status, no recipient: {}",
                lineEnds,
                bounces,
                missed.size(),
                missed,
                withRecipient,
                withStatus,
                noRecipient);
        assertThat(bounces).isGreaterThan(lineEnds.equals("bsd") ? 500 : 50);
        assertThat(missed.size()).as("missed bounces: " + missed).isLessThan(bounces * 5 / 100);
        assertThat(withRecipient).isGreaterThan(bounces * 90 / 100);
        assertThat(withStatus).isGreaterThan(bounces * 70 / 100);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "lhost-dragonfly-05.eml, authfailure@libsisimai.net, 5.7.26",
        "lhost-gmx-01.eml, shironeko@example.jp, 5.2.2",
        "lhost-zoho-01.eml, kijitora@example.co.jp, ",
        "lhost-exchange2003-01.eml, kijitora@example.jp, ",
        "lhost-opensmtpd-01.eml, apdugoaidugoaidugoaeiudggadi@gmail.com, 5.1.1",
        "lhost-postfix-01.eml, , 5."
    })
    void sisimaiBounceDetailsAreTheRightOnes(String file, String recipient, String status) throws IOException {
        Path path = Corpora.require("sisimai-set-of-emails/maildir/bsd").resolve(file);
        InboundMessage e = ((EmailEvents.Accepted) convert(path)).event();

        assertThat(e.getFlags().getBounce()).isTrue();
        if (recipient != null) {
            assertThat(e.getBounce().getFailedRecipient()).isEqualTo(recipient);
        }
        if (status != null) {
            assertThat(e.getBounce().getStatus()).startsWith(status);
        }
    }

    @Test
    void sisimaiAutoRepliesAreFlaggedAndNotCalledBounces() throws IOException {
        List<Path> files = files(Corpora.require("sisimai-set-of-emails/maildir/bsd"), ".eml").stream()
                .filter(p -> p.getFileName().toString().startsWith("rfc3834-"))
                .toList();
        List<String> missed = new ArrayList<>();
        for (Path file : files) {
            if (!(convert(file) instanceof EmailEvents.Accepted a)
                    || !a.event().getFlags().getAutoReply()
                    || a.event().getFlags().getBounce()) {
                missed.add(file.getFileName().toString());
            }
        }
        log.info("sisimai auto-replies: {} of {} missed {}", missed.size(), files.size(), missed);
        assertThat(files).isNotEmpty();
        assertThat(missed.size()).as("missed: " + missed).isLessThanOrEqualTo(files.size() / 10);
    }

    @Test
    void sisimaiFeedbackReportsAreNotBounces() throws IOException {
        List<Path> files = files(Corpora.require("sisimai-set-of-emails/maildir/bsd"), ".eml").stream()
                .filter(p -> p.getFileName().toString().startsWith("arf-"))
                .toList();
        List<String> wrong = new ArrayList<>();
        for (Path file : files) {
            if (convert(file) instanceof EmailEvents.Accepted a
                    && a.event().getFlags().getBounce()) {
                wrong.add(file.getFileName().toString());
            }
        }
        assertThat(files).isNotEmpty();
        assertThat(wrong).isEmpty();
    }
}
