package dev.switchboard.ingest.email;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import java.util.Arrays;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The after-ingest action (mark seen, move, none). It runs only after the transaction that put
 * the messages on Kafka has committed, and again at start for every message the checkpoint
 * covers, because a crash may have come between the commit and the action. It is never the
 * source of truth: a failure here is logged and the messages stay ingested.
 */
final class AfterIngest {
    private static final Logger log = LoggerFactory.getLogger(AfterIngest.class);

    private final MailboxConfig config;

    AfterIngest(MailboxConfig config) {
        this.config = config;
    }

    void afterCommit(Store store, Folder folder, List<Message> done) {
        if (done.isEmpty() || config.afterIngest() == MailboxConfig.AfterIngest.NONE) {
            return;
        }
        try {
            apply(store, folder, done.toArray(Message[]::new));
        } catch (MessagingException | RuntimeException e) {
            log.warn(
                    "{}: after-ingest {} failed, retried at the next start: {}",
                    config,
                    config.afterIngest(),
                    e.toString());
        }
    }

    /** Repeats the action for messages up to {@code lastUid} that still need it. */
    void catchUp(Store store, Folder folder, long lastUid) throws MessagingException {
        if (config.afterIngest() == MailboxConfig.AfterIngest.NONE || lastUid == 0) {
            return;
        }
        Message[] covered = Arrays.stream(((UIDFolder) folder).getMessagesByUID(1, lastUid))
                .filter(m -> m != null && !m.isExpunged())
                .toArray(Message[]::new);
        if (config.afterIngest() == MailboxConfig.AfterIngest.MARK_SEEN) {
            covered = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false), covered);
        }
        if (covered.length > 0) {
            log.info(
                    "{}: repeating after-ingest {} for {} ingested messages",
                    config,
                    config.afterIngest(),
                    covered.length);
            apply(store, folder, covered);
        }
    }

    private void apply(Store store, Folder folder, Message[] messages) throws MessagingException {
        if (config.afterIngest() == MailboxConfig.AfterIngest.MARK_SEEN) {
            folder.setFlags(messages, new Flags(Flags.Flag.SEEN), true);
        } else if (config.afterIngest() == MailboxConfig.AfterIngest.MOVE) {
            Folder target = store.getFolder(config.moveTo().orElseThrow());
            if (store instanceof IMAPStore s && s.hasCapability("MOVE")) {
                ((IMAPFolder) folder).moveMessages(messages, target);
            } else {
                folder.copyMessages(messages, target);
                folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
                ((IMAPFolder) folder).expunge(messages);
            }
        }
    }
}
