package dev.switchboard.ingest.email;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.MailboxCheckpoint;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topics;
import dev.switchboard.testkit.KafkaCluster;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Shared plumbing of the integration tests: configuration text, reading topics, looking into the mailbox. */
final class IngestHarness {
    static final String ADDRESS = "support@shop.example";
    static final String PASSWORD = "s3cret-pw";

    final KafkaCluster kafka;
    final Topics topics;
    final KafkaSettings settings;

    IngestHarness(KafkaCluster kafka) {
        this.kafka = kafka;
        this.topics = kafka.newTopics();
        this.settings = kafka.settings(topics);
    }

    /** A configuration parsed the way the command parses files; {@code extra} lines are added to the mailbox. */
    EmailIngestConfig config(int port, String security, String... extra) {
        return config(port, security, true, extra);
    }

    /** Without the password lines when {@code withPassword} is false (xoauth2 tests add their own). */
    EmailIngestConfig config(int port, String security, boolean withPassword, String... extra) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("kafka:\n  bootstrap-servers: ")
                .append(settings.bootstrapServers())
                .append('\n');
        yaml.append("  topic-prefix: \"").append(topics.prefix()).append("\"\n");
        yaml.append("mailboxes:\n");
        yaml.append("  - id: support\n");
        yaml.append("    host: 127.0.0.1\n");
        yaml.append("    port: ").append(port).append('\n');
        yaml.append("    security: ").append(security).append('\n');
        yaml.append("    username: ").append(ADDRESS).append('\n');
        if (withPassword) {
            yaml.append("    password: ${IMAP_PASSWORD}\n");
        }
        yaml.append("    reconnect-initial-delay: 100ms\n");
        yaml.append("    reconnect-max-delay: 1s\n");
        yaml.append("    timeout: 10s\n");
        for (String line : extra) {
            yaml.append("    ").append(line).append('\n');
        }
        return new ConfigLoader(Map.of("IMAP_PASSWORD", PASSWORD))
                .parse("test.yaml", yaml.toString(), EmailIngestConfig.class);
    }

    MailboxIngestor start(EmailIngestConfig config) {
        return start(config, CrashPoints.NONE);
    }

    MailboxIngestor start(EmailIngestConfig config, CrashPoints crashPoints) {
        return start(config, crashPoints, new SimpleMeterRegistry());
    }

    MailboxIngestor start(EmailIngestConfig config, CrashPoints crashPoints, MeterRegistry registry) {
        MailboxIngestor ingestor = new MailboxIngestor(
                config,
                MailboxIngestor.Options.defaults().withRegistry(registry).withCrashPoints(crashPoints));
        ingestor.start();
        return ingestor;
    }

    List<InboundMessage> events(Duration quiet) {
        return kafka.readAll(topics.inboundMessages(), quiet).stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    List<ConsumerRecord<String, InboundMessage>> eventRecords(Duration quiet) {
        return kafka.readAll(topics.inboundMessages(), quiet);
    }

    List<DeadLetter> deadLetters(Duration quiet) {
        return kafka.readAll(topics.deadLetter(), quiet).stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    List<MailboxCheckpoint> checkpoints(Duration quiet) {
        return kafka.readAll(topics.checkpoints(), quiet).stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    /** The messages of a folder with their \Seen flag, as the shop's agents would see them. */
    static List<Boolean> seenFlags(int imapPort, String folder) throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", imapPort, ADDRESS, PASSWORD);
            Folder f = store.getFolder(folder);
            f.open(Folder.READ_ONLY);
            try {
                return java.util.Arrays.stream(f.getMessages())
                        .map(m -> {
                            try {
                                return m.isSet(Flags.Flag.SEEN);
                            } catch (jakarta.mail.MessagingException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .toList();
            } finally {
                f.close(false);
            }
        }
    }

    static int count(int imapPort, String folder) throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", imapPort, ADDRESS, PASSWORD);
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                return 0;
            }
            f.open(Folder.READ_ONLY);
            try {
                return f.getMessageCount();
            } finally {
                f.close(false);
            }
        }
    }

    static void deliver(GreenMailUser user, com.icegreen.greenmail.util.GreenMail greenMail, byte[] raw) {
        try {
            user.deliver(new jakarta.mail.internet.MimeMessage(
                    Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(raw)));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] simpleMessage(String id, String subject, String body) {
        return ("From: Customer <customer@example.com>\r\nTo: " + ADDRESS + "\r\nSubject: " + subject
                        + "\r\nMessage-ID: <" + id + ">\r\nDate: Fri, 04 Dec 2026 10:00:00 +0000\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** GreenMail's self-signed certificate as a PEM file, for trust-certificate-file. */
    static Path greenMailCertificate(Path dir) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = com.icegreen.greenmail.util.GreenMail.class.getResourceAsStream("/greenmail.p12")) {
            ks.load(in, "changeit".toCharArray());
        }
        Certificate cert = ks.getCertificate(ks.aliases().nextElement());
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Path file = dir.resolve("greenmail.pem");
        Files.writeString(file, pem);
        return file;
    }
}
