package dev.switchboard.ingest.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.testkit.KafkaCluster;
import dev.switchboard.testkit.KafkaExtension;
import dev.switchboard.testkit.MailServer;
import dev.switchboard.testkit.MailServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills the worker at each crash point (an Error nothing catches, so no cleanup runs, as with
 * kill -9), starts a new ingestor, and checks that every message is on the topic exactly once.
 */
@ExtendWith({KafkaExtension.class, MailServerExtension.class})
class CrashRecoveryIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int MESSAGES = 5;

    /** What a crash looks like to the worker: nothing handles it. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(CrashPoints.Point point) {
            super("simulated crash at " + point);
        }
    }

    @org.junit.jupiter.api.Test
    void aSecondInstanceFencesTheFirstAndNothingIsDoubled(KafkaCluster kafka, MailServer mail) throws Exception {
        // given an instance that has ingested two messages
        IngestHarness h = new IngestHarness(kafka);
        GreenMailUser user = mail.user(IngestHarness.ADDRESS, IngestHarness.PASSWORD);
        mail.deliver(user, IngestHarness.simpleMessage("f1@example.com", "one", "first"));
        mail.deliver(user, IngestHarness.simpleMessage("f2@example.com", "two", "second"));
        EmailIngestConfig config = h.config(mail.imapPort(), "none");
        try (MailboxIngestor first = h.start(config)) {
            await().atMost(WAIT).until(() -> h.events(Duration.ofMillis(200)).size() == 2);
            await().atMost(WAIT).until(() -> first.status().containsValue("idle"));

            // when a second instance of the same mailbox starts and new mail arrives for both
            try (MailboxIngestor second = h.start(config)) {
                await().atMost(WAIT).until(() -> second.status().containsValue("idle"));
                for (int i = 3; i <= 5; i++) {
                    mail.deliver(user, IngestHarness.simpleMessage("f" + i + "@example.com", "n" + i, "more"));
                }

                // then the first one is fenced off and each message is on the topic once
                await().atMost(WAIT).until(() -> first.status().containsValue("fenced"));
                await().atMost(WAIT)
                        .until(() -> h.events(Duration.ofMillis(200)).size() >= 5);
                assertThat(h.events(Duration.ofSeconds(2)))
                        .extracting(InboundMessage::getSourceMessageId)
                        .containsExactlyInAnyOrder(
                                "f1@example.com",
                                "f2@example.com",
                                "f3@example.com",
                                "f4@example.com",
                                "f5@example.com");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CrashPoints.Point.class)
    void aCrashNeitherLosesNorDuplicatesAMessage(CrashPoints.Point point, KafkaCluster kafka, MailServer mail)
            throws Exception {
        // given five messages and an ingestor that dies at the crash point of its first batch of two
        IngestHarness h = new IngestHarness(kafka);
        GreenMailUser user = mail.user(IngestHarness.ADDRESS, IngestHarness.PASSWORD);
        for (int i = 1; i <= MESSAGES; i++) {
            mail.deliver(
                    user, IngestHarness.simpleMessage("m" + i + "@example.com", "order " + i, "where is order " + i));
        }
        EmailIngestConfig config = h.config(mail.imapPort(), "none", "batch-size: 2");
        AtomicBoolean crashed = new AtomicBoolean();
        MailboxIngestor first = h.start(config, (p, mailbox) -> {
            if (p == point && crashed.compareAndSet(false, true)) {
                throw new SimulatedCrash(p);
            }
        });
        await().atMost(WAIT).until(() -> first.status().containsValue("crashed"));
        // reading a message never marks it seen, and the after-ingest action had not run yet at any crash point
        assertThat(IngestHarness.seenFlags(mail.imapPort(), "INBOX"))
                .hasSize(MESSAGES)
                .containsOnly(false);

        // when a new instance starts while the dead one's producer and connection are still open
        try (MailboxIngestor second = h.start(config)) {
            // then every message is on the topic exactly once
            await().atMost(WAIT).until(() -> h.events(Duration.ofMillis(500)).size() >= MESSAGES);
            List<InboundMessage> events = h.events(Duration.ofSeconds(3));
            assertThat(events)
                    .extracting(InboundMessage::getSourceMessageId)
                    .containsExactlyInAnyOrder(
                            "m1@example.com", "m2@example.com", "m3@example.com", "m4@example.com", "m5@example.com");
            // and the after-ingest action happened for all of them, also for the batch the crash interrupted
            await().atMost(WAIT)
                    .until(() -> IngestHarness.seenFlags(mail.imapPort(), "INBOX").stream()
                            .allMatch(b -> b));
        } finally {
            first.close();
        }
        assertThat(h.events(Duration.ofSeconds(1))).hasSize(MESSAGES);
    }
}
