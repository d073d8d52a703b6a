package dev.switchboard.ingest.email;

import dev.switchboard.kafka.KafkaSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code ingest-email} configuration file: the {@code kafka:} section and the mailboxes. */
public record EmailIngestConfig(KafkaSettings kafka, List<MailboxConfig> mailboxes) {
    public EmailIngestConfig {
        kafka = kafka == null ? KafkaSettings.defaults() : kafka;
        if (mailboxes == null || mailboxes.isEmpty()) {
            throw new IllegalArgumentException("mailboxes: expected at least one mailbox");
        }
        Set<String> keys = new HashSet<>();
        for (MailboxConfig m : mailboxes) {
            if (!keys.add(m.checkpointKey())) {
                throw new IllegalArgumentException(
                        "mailboxes: '" + m.id() + "' with folder '" + m.folder() + "' is listed twice");
            }
        }
        mailboxes = List.copyOf(mailboxes);
    }

    public EmailIngestConfig withKafka(KafkaSettings settings) {
        return new EmailIngestConfig(settings, mailboxes);
    }
}
