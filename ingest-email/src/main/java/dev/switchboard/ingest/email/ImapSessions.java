package dev.switchboard.ingest.email;

import jakarta.mail.Session;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Jakarta Mail session of a mailbox: protocol, TLS, timeouts, XOAUTH2.
 *
 * <p>TLS is the default and checks the server's name against its certificate. {@code starttls}
 * requires the upgrade (no silent fallback to plain text). {@code trust-certificate-file} trusts
 * the certificates in one PEM file for this mailbox only (a self-signed or private CA server),
 * never every certificate. {@code session-properties} are applied last, for servers that need
 * an unusual Jakarta Mail setting.
 */
final class ImapSessions {
    private ImapSessions() {}

    static String protocol(MailboxConfig config) {
        return config.security() == MailboxConfig.Security.TLS ? "imaps" : "imap";
    }

    static Session session(MailboxConfig config) throws IOException, GeneralSecurityException {
        String p = protocol(config);
        String prefix = "mail." + p + ".";
        Properties props = new Properties();
        props.put("mail.store.protocol", p);
        props.put(prefix + "host", config.host());
        props.put(prefix + "port", Integer.toString(config.port()));
        props.put(prefix + "connectiontimeout", Long.toString(config.timeout().toMillis()));
        // IDLE waits on the socket; the read timeout must outlast one IDLE round.
        long readTimeout = config.idleRenewInterval().plus(config.timeout()).toMillis();
        props.put(prefix + "timeout", Long.toString(readTimeout));
        props.put(prefix + "writetimeout", Long.toString(config.timeout().toMillis()));
        // Fetching a message must not mark it seen: that is the after-ingest action's job, after the commit.
        props.put(prefix + "peek", "true");
        props.put(prefix + "partialfetch", "true");
        props.put(prefix + "fetchsize", Integer.toString(256 * 1024));
        if (config.security() != MailboxConfig.Security.NONE) {
            props.put(prefix + "ssl.checkserveridentity", "true");
        }
        if (config.security() == MailboxConfig.Security.STARTTLS) {
            props.put(prefix + "starttls.enable", "true");
            props.put(prefix + "starttls.required", "true");
        }
        if (config.trustCertificateFile().isPresent()) {
            props.put(
                    prefix + "ssl.socketFactory",
                    socketFactory(config.trustCertificateFile().get()));
        }
        if (config.auth() == MailboxConfig.Auth.XOAUTH2) {
            props.put(prefix + "auth.mechanisms", "XOAUTH2");
            props.put(prefix + "auth.xoauth2.disable", "false");
        }
        props.putAll(config.sessionProperties());
        return Session.getInstance(props);
    }

    /** Trusts exactly the certificates in a PEM file. */
    static SSLSocketFactory socketFactory(Path pem) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("cert-" + n++, c);
            }
            if (n == 0) {
                throw new GeneralSecurityException(pem + " holds no certificate");
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
