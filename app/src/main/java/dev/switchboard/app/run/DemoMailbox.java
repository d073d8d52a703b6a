package dev.switchboard.app.run;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The demo mailbox of {@code switchboard run}: a real IMAP and SMTP server (GreenMail) on
 * loopback. Mail sent to the support address on the SMTP port lands in its INBOX, where
 * ingest-email reads it over IMAP like any mailbox. It keeps mail in memory: what was not yet
 * ingested when the process stops is gone, which is fine for a demo and the reason production
 * points ingest-email at a real mailbox.
 */
public final class DemoMailbox implements AutoCloseable {
    private final GreenMail greenMail;
    private final String address;

    private DemoMailbox(GreenMail greenMail, String address) {
        this.greenMail = greenMail;
        this.address = address;
    }

    public static DemoMailbox start(int imapPort, int smtpPort, String address, String password) {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        greenMail.start();
        greenMail.setUser(address, address, password);
        return new DemoMailbox(greenMail, address);
    }

    /** The support address: mail to it on the SMTP port lands in the mailbox. */
    public String address() {
        return address;
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
