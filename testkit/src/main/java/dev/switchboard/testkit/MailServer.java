package dev.switchboard.testkit;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;

/**
 * A real in-process mail server (GreenMail) with SMTP, IMAP and IMAPS on free loopback ports.
 *
 * <p>GreenMail's IMAPS uses a self-signed certificate; clients in tests trust it explicitly,
 * never by turning TLS checks off globally.
 */
public final class MailServer implements AutoCloseable {
    private final GreenMail greenMail;

    public MailServer() {
        ServerSetup[] setups = {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS)
        };
        greenMail = new GreenMail(setups);
        greenMail.start();
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    public int imapsPort() {
        return greenMail.getImaps().getPort();
    }

    /** Creates a mailbox user; login is the address. */
    public GreenMailUser user(String address, String password) {
        return greenMail.setUser(address, address, password);
    }

    /** Puts raw RFC 5322 bytes into a user's INBOX exactly as given, as a server would store them. */
    public void deliver(GreenMailUser user, byte[] rawMessage) {
        try {
            MimeMessage message =
                    new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(rawMessage));
            user.deliver(message);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("GreenMail cannot store this message: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
