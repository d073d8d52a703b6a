package dev.switchboard.bench;

import com.icegreen.greenmail.imap.AuthorizationException;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Two mailboxes with identical content on one in-process IMAP server (GreenMail, plain IMAP on a
 * free loopback port), so each side of the email benchmark reads its own copy and neither sees
 * the other's flags or open sessions. The messages fill folders of a given size in order: INBOX,
 * then backlog-02, backlog-03 and so on.
 *
 * <p>Why folders: GreenMail answers every FETCH in time quadratic in the size of the selected
 * folder (for each message in the folder it lists the folder's UIDs again to find its sequence
 * number), about 0.1 s per FETCH at 2,000 messages and, extrapolated, 10 s at 20,000. One large
 * folder would measure GreenMail, not the clients. GreenMail keeps the mail in this JVM's heap,
 * about twice the corpus size.
 */
final class TwinMailboxes implements AutoCloseable {
    static final String BASELINE_USER = "baseline@bench.example";
    static final String SUBJECT_USER = "subject@bench.example";
    /** A third mailbox, read by both sides before anything is measured. */
    static final String WARMUP_USER = "warmup@bench.example";

    static final String PASSWORD = "bench-imap-pw";

    /** What was delivered to each mailbox, and in which folders. */
    record Content(int messages, long bytes, int largest, Map<MimeCorpus.Kind, Integer> kinds, List<String> folders) {}

    private final GreenMail greenMail;

    private TwinMailboxes(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    static TwinMailboxes start() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        greenMail.start();
        return new TwinMailboxes(greenMail);
    }

    int imapPort() {
        return greenMail.getImap().getPort();
    }

    /** Delivers messages 0 to n-1 of the corpus to both mailboxes, in order, {@code folderSize} to a folder. */
    Content fill(MimeCorpus corpus, int n, int folderSize) throws FolderException, AuthorizationException {
        return deliver(corpus, 0, n, folderSize, List.of(BASELINE_USER, SUBJECT_USER));
    }

    /** Delivers messages {@code from} to {@code from + n - 1} to the warm-up mailbox alone. */
    Content fillWarmUp(MimeCorpus corpus, int from, int n, int folderSize)
            throws FolderException, AuthorizationException {
        return deliver(corpus, from, n, folderSize, List.of(WARMUP_USER));
    }

    private Content deliver(MimeCorpus corpus, int from, int n, int folderSize, List<String> users)
            throws FolderException, AuthorizationException {
        List<GreenMailUser> mailboxes = new ArrayList<>();
        for (String user : users) {
            mailboxes.add(greenMail.setUser(user, user, PASSWORD));
        }
        ImapHostManager imap = greenMail.getManagers().getImapHostManager();
        Session session = Session.getInstance(new Properties());
        Map<MimeCorpus.Kind, Integer> kinds = new EnumMap<>(MimeCorpus.Kind.class);
        List<String> folders = new ArrayList<>();
        List<MailFolder> targets = new ArrayList<>();
        long bytes = 0;
        int largest = 0;
        for (int i = 0; i < n; i++) {
            if (i % folderSize == 0) {
                String name = i == 0 ? "INBOX" : String.format(Locale.ROOT, "backlog-%02d", i / folderSize + 1);
                targets.clear();
                for (GreenMailUser user : mailboxes) {
                    targets.add(i == 0 ? imap.getInbox(user) : imap.createMailbox(user, name));
                }
                folders.add(name);
            }
            byte[] raw = corpus.message(from + i);
            Date now = new Date();
            for (MailFolder target : targets) {
                // One parse per mailbox: GreenMail keeps the object it is given.
                target.appendMessage(parse(session, raw), new Flags(), now);
            }
            kinds.merge(corpus.kind(from + i), 1, Integer::sum);
            bytes += raw.length;
            largest = Math.max(largest, raw.length);
        }
        return new Content(n, bytes, largest, kinds, List.copyOf(folders));
    }

    private static MimeMessage parse(Session session, byte[] raw) {
        try {
            return new MimeMessage(session, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalStateException("the corpus wrote a message Jakarta Mail cannot read", e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
