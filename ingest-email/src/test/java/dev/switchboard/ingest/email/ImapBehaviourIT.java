package dev.switchboard.ingest.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.MailboxCheckpoint;
import dev.switchboard.testkit.KafkaCluster;
import dev.switchboard.testkit.KafkaExtension;
import dev.switchboard.testkit.MailServer;
import dev.switchboard.testkit.MailServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the service behaves towards an IMAP server: IDLE, polling, reconnecting, rescans, XOAUTH2, moving. */
@ExtendWith({KafkaExtension.class, MailServerExtension.class})
class ImapBehaviourIT {
    private static final Logger log = LoggerFactory.getLogger(ImapBehaviourIT.class);
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void newMailDuringIdleIsIngestedWithoutWaitingForAPoll(KafkaCluster kafka, MailServer mail) {
        // given an idle service whose poll interval is far longer than the test
        IngestHarness h = new IngestHarness(kafka);
        GreenMailUser user = mail.user(IngestHarness.ADDRESS, IngestHarness.PASSWORD);
        try (MailboxIngestor ingestor =
                h.start(h.config(mail.imapPort(), "none", "poll-interval: 10m", "idle: true"))) {
            await().atMost(WAIT).until(() -> ingestor.status().containsValue("idle"));

            // when a message arrives
            long sent = System.nanoTime();
            mail.deliver(user, IngestHarness.simpleMessage("idle-1@example.com", "hello", "new mail"));

            // then IDLE brings it in (only IDLE can: the next poll is ten minutes away)
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> h.events(Duration.ofMillis(200)).size() == 1);
            log.info("IDLE latency (incl. reading the topic): {} ms", (System.nanoTime() - sent) / 1_000_000);
            assertThat(h.events(Duration.ofMillis(500)))
                    .extracting(InboundMessage::getSourceMessageId)
                    .containsExactly("idle-1@example.com");
        }
    }

    @Test
    void pollsWhenIdleIsOff(KafkaCluster kafka, MailServer mail) {
        IngestHarness h = new IngestHarness(kafka);
        GreenMailUser user = mail.user(IngestHarness.ADDRESS, IngestHarness.PASSWORD);
        try (MailboxIngestor ingestor =
                h.start(h.config(mail.imapPort(), "none", "poll-interval: 300ms", "idle: false"))) {
            await().atMost(WAIT).until(() -> ingestor.status().containsValue("polling"));
            mail.deliver(user, IngestHarness.simpleMessage("poll-1@example.com", "hello", "polled mail"));

            await().atMost(WAIT).until(() -> h.events(Duration.ofMillis(200)).size() == 1);
        }
    }

    @Test
    void reconnectsAfterTheServerWentAway(KafkaCluster kafka) throws Exception {
        // given a mail server on a fixed port, so it comes back where it was
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        server.start();
        IngestHarness h = new IngestHarness(kafka);
        GreenMailUser user = server.setUser(IngestHarness.ADDRESS, IngestHarness.ADDRESS, IngestHarness.PASSWORD);
        IngestHarness.deliver(user, server, IngestHarness.simpleMessage("before@example.com", "one", "before"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (MailboxIngestor ingestor = h.start(h.config(port, "none"), CrashPoints.NONE, registry)) {
            await().atMost(WAIT).until(() -> h.events(Duration.ofMillis(200)).size() == 1);
            await().atMost(WAIT).until(() -> ingestor.status().containsValue("idle"));

            // when the server drops every connection and is down for a while
            server.stop();
            await().atMost(WAIT)
                    .until(() -> registry.get("switchboard.email.reconnects")
                                    .counter()
                                    .count()
                            >= 2);
            assertThat(registry.get("switchboard.email.connected").gauge().value())
                    .isZero();
            server.start();
            // a restarted GreenMail has forgotten its users and mail: set them up again, as a restored server would be
            GreenMailUser again = server.setUser(IngestHarness.ADDRESS, IngestHarness.ADDRESS, IngestHarness.PASSWORD);
            IngestHarness.deliver(again, server, IngestHarness.simpleMessage("before@example.com", "one", "before"));
            IngestHarness.deliver(again, server, IngestHarness.simpleMessage("after@example.com", "two", "after"));

            // then the service reconnects and goes on, without repeating what it had
            await().atMost(WAIT).until(() -> h.events(Duration.ofMillis(200)).size() >= 2);
            assertThat(h.events(Duration.ofSeconds(1)))
                    .extracting(InboundMessage::getSourceMessageId)
                    .containsExactlyInAnyOrder("before@example.com", "after@example.com");
            await().atMost(WAIT)
                    .until(() ->
                            registry.get("switchboard.email.connected").gauge().value() == 1.0);
        } finally {
            server.stop();
        }
    }

    @Test
    void aUidValidityChangeRescansWithoutDuplicates(KafkaCluster kafka, MailServer mail) throws Exception {
        // given three messages ingested from the folder "Support"
        IngestHarness h = new IngestHarness(kafka);
        mail.user(IngestHarness.ADDRESS, IngestHarness.PASSWORD);
        List<byte[]> first = List.of(
                IngestHarness.simpleMessage("r1@example.com", "one", "first"),
                IngestHarness.simpleMessage("r2@example.com", "two", "second"),
                IngestHarness.simpleMessage("r3@example.com", "three", "third"));
        long before = recreateFolder(mail.imapPort(), "Support", first);
        EmailIngestConfig config = h.config(mail.imapPort(), "none", "folder: Support", "after-ingest: none");
        try (MailboxIngestor ingestor = h.start(config)) {
            await().atMost(WAIT).until(() -> h.events(Duration.ofMillis(200)).size() == 3);
        }

        // when the folder is rebuilt (new UIDVALIDITY) with the same three messages and a new one
        List<byte[]> rebuilt = new ArrayList<>(first);
        rebuilt.add(IngestHarness.simpleMessage("r4@example.com", "four", "fourth"));
        long after = recreateFolder(mail.imapPort(), "Support", rebuilt);
        assumeThat(after).as("GreenMail gave the new folder a new UIDVALIDITY").isNotEqualTo(before);
        try (MailboxIngestor ingestor = h.start(config)) {
            await().atMost(WAIT).until(() -> h.events(Duration.ofMillis(200)).size() >= 4);

            // then only the new message is added
            assertThat(h.events(Duration.ofSeconds(2)))
                    .extracting(InboundMessage::getSourceMessageId)
                    .containsExactlyInAnyOrder("r1@example.com", "r2@example.com", "r3@example.com", "r4@example.com");
            await().atMost(WAIT).until(() -> {
                List<MailboxCheckpoint> cps = h.checkpoints(Duration.ofMillis(200));
                MailboxCheckpoint last = cps.get(cps.size() - 1);
                return last.getUidValidity() == after && last.getLastUid() == 4 && last.getRescanUntilUid() == null;
            });
        }
    }

    @Test
    void xoauth2TokenIsReadAgainAfterTheServerRejectedIt(KafkaCluster kafka, MailServer mail, @TempDir Path dir)
            throws Exception {
        // given a token command whose token the server does not accept yet (GreenMail checks it as the password)
        IngestHarness h = new IngestHarness(kafka);
        GreenMailUser user = mail.user(IngestHarness.ADDRESS, "fresh-token");
        mail.deliver(user, IngestHarness.simpleMessage("oauth@example.com", "token", "via xoauth2"));
        Path token = dir.resolve("token");
        Files.writeString(token, "expired-token\n");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EmailIngestConfig config =
                h.config(mail.imapPort(), "none", false, "auth: xoauth2", "token-command: cat '" + token + "'");
        try (MailboxIngestor ingestor = h.start(config, CrashPoints.NONE, registry)) {
            await().atMost(WAIT)
                    .until(() -> registry.get("switchboard.email.reconnects")
                                    .counter()
                                    .count()
                            >= 1);

            // when the token is refreshed
            Files.writeString(token, "fresh-token\n");

            // then the next attempt logs in with it
            await().atMost(WAIT).until(() -> h.events(Duration.ofMillis(200)).size() == 1);
        }
    }

    @Test
    void mailArrivingAfterAMoveInTheSameSessionIsIngestedWithItsOwnBytes(KafkaCluster kafka, MailServer mail) {
        // given a service that moved two ingested messages away and now idles on the same connection
        IngestHarness h = new IngestHarness(kafka);
        GreenMailUser user = mail.user(IngestHarness.ADDRESS, IngestHarness.PASSWORD);
        mail.deliver(user, IngestHarness.simpleMessage("before-1@example.com", "one", "first"));
        mail.deliver(user, IngestHarness.simpleMessage("before-2@example.com", "two", "second"));
        try (MailboxIngestor ingestor = h.start(
                h.config(mail.imapPort(), "none", "after-ingest: move", "move-to: Processed", "poll-interval: 10m"))) {
            await().atMost(WAIT).until(() -> IngestHarness.count(mail.imapPort(), "Processed") == 2);
            await().atMost(WAIT).until(() -> ingestor.status().containsValue("idle"));

            // when new mail arrives (after the expunge, Jakarta Mail's message numbers are not sequence numbers)
            mail.deliver(user, IngestHarness.simpleMessage("after-1@example.com", "three", "third"));
            mail.deliver(user, IngestHarness.simpleMessage("after-2@example.com", "four", "fourth"));

            // then each new message is its own event, with its own text
            await().atMost(WAIT).until(() -> h.events(Duration.ofMillis(200)).size() >= 4);
            assertThat(h.events(Duration.ofMillis(500)))
                    .extracting(InboundMessage::getSourceMessageId, InboundMessage::getBodyText)
                    .containsExactlyInAnyOrder(
                            tuple("before-1@example.com", "first"),
                            tuple("before-2@example.com", "second"),
                            tuple("after-1@example.com", "third"),
                            tuple("after-2@example.com", "fourth"));
        }
    }

    @Test
    void afterIngestMoveEmptiesTheInboxIntoTheProcessedFolder(KafkaCluster kafka, MailServer mail) throws Exception {
        IngestHarness h = new IngestHarness(kafka);
        GreenMailUser user = mail.user(IngestHarness.ADDRESS, IngestHarness.PASSWORD);
        mail.deliver(user, IngestHarness.simpleMessage("mv1@example.com", "one", "first"));
        mail.deliver(user, IngestHarness.simpleMessage("mv2@example.com", "two", "second"));
        try (MailboxIngestor ingestor =
                h.start(h.config(mail.imapPort(), "none", "after-ingest: move", "move-to: Processed"))) {
            await().atMost(WAIT).until(() -> h.events(Duration.ofMillis(200)).size() == 2);
            await().atMost(WAIT).until(() -> IngestHarness.count(mail.imapPort(), "Processed") == 2);
            assertThat(IngestHarness.count(mail.imapPort(), "INBOX")).isZero();
        }
    }

    @Test
    void starttlsIsRequiredNeverAFallbackToPlainText(KafkaCluster kafka, MailServer mail) {
        // given a server that offers no STARTTLS (GreenMail's plain IMAP)
        IngestHarness h = new IngestHarness(kafka);
        GreenMailUser user = mail.user(IngestHarness.ADDRESS, IngestHarness.PASSWORD);
        mail.deliver(user, IngestHarness.simpleMessage("plain@example.com", "x", "never over clear text"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        // when the mailbox asks for starttls
        try (MailboxIngestor ingestor = h.start(h.config(mail.imapPort(), "starttls"), CrashPoints.NONE, registry)) {
            await().atMost(WAIT)
                    .until(() -> registry.get("switchboard.email.reconnects")
                                    .counter()
                                    .count()
                            >= 2);

            // then it keeps trying and never logs in without TLS
            assertThat(h.events(Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void anUntrustedCertificateIsRefused(KafkaCluster kafka) {
        // given an IMAPS server with GreenMail's self-signed certificate, which nobody trusts
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS));
        server.start();
        IngestHarness h = new IngestHarness(kafka);
        GreenMailUser user = server.setUser(IngestHarness.ADDRESS, IngestHarness.ADDRESS, IngestHarness.PASSWORD);
        IngestHarness.deliver(
                user, server, IngestHarness.simpleMessage("tls@example.com", "x", "only over trusted TLS"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        // when the mailbox uses tls without trust-certificate-file
        try (MailboxIngestor ingestor =
                h.start(h.config(server.getImaps().getPort(), "tls"), CrashPoints.NONE, registry)) {
            // GreenMail's connection threads fail on the handshakes we refuse: expected here, not a test failure.
            await().dontCatchUncaughtExceptions()
                    .atMost(WAIT)
                    .until(() -> registry.get("switchboard.email.reconnects")
                                    .counter()
                                    .count()
                            >= 2);

            // then nothing is read from it
            assertThat(h.events(Duration.ofMillis(500))).isEmpty();
        } finally {
            server.stop();
        }
    }

    /** Deletes and recreates a folder with the given messages; returns its UIDVALIDITY. */
    private static long recreateFolder(int port, String name, List<byte[]> messages) throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", port, IngestHarness.ADDRESS, IngestHarness.PASSWORD);
            Folder folder = store.getFolder(name);
            if (folder.exists()) {
                folder.delete(true);
            }
            folder.create(Folder.HOLDS_MESSAGES);
            List<Message> list = new ArrayList<>();
            for (byte[] raw : messages) {
                list.add(new MimeMessage(session, new ByteArrayInputStream(raw)));
            }
            folder.appendMessages(list.toArray(Message[]::new));
            folder.open(Folder.READ_ONLY);
            try {
                return ((UIDFolder) folder).getUIDValidity();
            } finally {
                folder.close(false);
            }
        }
    }
}
