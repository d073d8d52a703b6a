package dev.switchboard.ingest.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.MailboxCheckpoint;
import dev.switchboard.testkit.KafkaCluster;
import dev.switchboard.testkit.KafkaExtension;
import dev.switchboard.testkit.MailServer;
import dev.switchboard.testkit.MailServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({KafkaExtension.class, MailServerExtension.class})
class MailboxIngestorIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void ourCorpusOverImapsBecomesTheEventsUsersRelyOn(KafkaCluster kafka, MailServer mail, @TempDir Path dir)
            throws Exception {
        // given every test message and one over the size limit in the support mailbox
        IngestHarness h = new IngestHarness(kafka);
        GreenMailUser user = mail.user(IngestHarness.ADDRESS, IngestHarness.PASSWORD);
        for (String name : TestMessages.ALL) {
            mail.deliver(user, TestMessages.bytes(name));
        }
        byte[] big = IngestHarness.simpleMessage("big@example.com", "huge", "x".repeat(300_000));
        mail.deliver(user, big);
        Path cert = IngestHarness.greenMailCertificate(dir);

        // when the service ingests it over IMAPS, trusting GreenMail's certificate for this mailbox only
        try (MailboxIngestor ingestor = h.start(h.config(
                mail.imapsPort(),
                "tls",
                "trust-certificate-file: " + cert,
                "session-properties: {mail.imaps.ssl.checkserveridentity: \"false\"}",
                "max-message-size: 200KB",
                "dead-letter-payload-cap: 64KB",
                "batch-size: 5"))) {
            int expectedEvents = TestMessages.ALL.size() - 1; // no-sender.eml is a dead letter
            await().atMost(WAIT)
                    .until(() -> h.events(Duration.ofSeconds(1)).size() >= expectedEvents
                            && h.deadLetters(Duration.ofMillis(500)).size() >= 2);

            // then each message is one event, with what users rely on
            List<InboundMessage> events = h.events(Duration.ofSeconds(2));
            assertThat(events).hasSize(expectedEvents);
            Map<String, InboundMessage> byId =
                    events.stream().collect(Collectors.toMap(InboundMessage::getSourceMessageId, Function.identity()));
            InboundMessage arabic = byId.get("ar-utf8-1@mail.example.com");
            assertThat(arabic.getSubject()).isEqualTo("طلبي لم يصل");
            assertThat(arabic.getBodyText()).isEqualTo("مرحبا،\nطلبي رقم 4521 لم يصل بعد. أريد استرداد المبلغ.");
            assertThat(arabic.getConversationKey()).isEqualTo("email:support:order-4521@shop.example");
            assertThat(byId.get("ar-1256-1@example.net").getSubject()).isEqualTo("منتج مكسور");
            assertThat(byId.get("ar-8859-6@example.org").getBodyText()).isEqualTo("اريد الغاء الطلب رقم 7788 من فضلك");
            assertThat(byId.get("mislabelled-1@example.com").getFlags().getCharsetFallback())
                    .isTrue();
            assertThat(byId.get("html-only-1@mail.gmail.com").getBodyText()).startsWith("Hi,\n\nI was charged twice");
            assertThat(byId.get("nested-1@example.com").getAttachments()).hasSize(3);
            assertThat(byId.get("oof-ar@example.sa").getFlags().getAutoReply()).isTrue();
            assertThat(byId.get("bounce-1@mx.shop.example").getBounce().getFailedRecipient())
                    .isEqualTo("gone@example.com");
            assertThat(byId.get("news-1@vendor.example").getFlags().getMailingList())
                    .isTrue();
            assertThat(byId.get("outlook-reply-1@example.co.uk").getThreading().getReferences())
                    .containsExactly("return-5566-1@shop.example", "return-5566-2@shop.example");
            assertThat(events).allSatisfy(e -> assertThat(e.getMetadata()).containsKey("imap.uid"));
            assertThat(h.eventRecords(Duration.ofMillis(500)))
                    .allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getConversationKey()));

            // and what cannot be an event is a dead letter with its bytes, the checkpoint past it
            List<DeadLetter> dead = h.deadLetters(Duration.ofSeconds(1));
            assertThat(dead)
                    .extracting(DeadLetter::getReason)
                    .containsExactlyInAnyOrder(DeadLetterReason.INVARIANT_VIOLATION, DeadLetterReason.OVERSIZED);
            DeadLetter oversized = dead.stream()
                    .filter(d -> d.getReason() == DeadLetterReason.OVERSIZED)
                    .findFirst()
                    .orElseThrow();
            assertThat(oversized.getOriginalSize()).isGreaterThan(300_000);
            assertThat(oversized.getTruncated()).isTrue();
            assertThat(oversized.getPayload().remaining()).isEqualTo(64 * 1024);
            assertThat(new String(oversized.getPayload().array(), StandardCharsets.US_ASCII))
                    .contains("Message-ID: <big@example.com>");
            assertThat(oversized.getContext()).containsKeys("uid", "uidValidity", "folder");
            DeadLetter noSender = dead.stream()
                    .filter(d -> d.getReason() == DeadLetterReason.INVARIANT_VIOLATION)
                    .findFirst()
                    .orElseThrow();
            assertThat(noSender.getPayload().array()).contains(TestMessages.bytes("no-sender.eml"));
            List<MailboxCheckpoint> checkpoints = h.checkpoints(Duration.ofMillis(500));
            assertThat(checkpoints.get(checkpoints.size() - 1).getLastUid()).isEqualTo(TestMessages.ALL.size() + 1);

            // and every message is marked seen, only after it was committed
            await().atMost(WAIT)
                    .until(() -> IngestHarness.seenFlags(mail.imapPort(), "INBOX").stream()
                            .allMatch(b -> b));
        }
    }
}
