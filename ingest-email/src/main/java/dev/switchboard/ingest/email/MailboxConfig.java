package dev.switchboard.ingest.email;

import dev.switchboard.config.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One mailbox folder to ingest: where it is, how to log in, what to do after ingesting.
 * Every key and its default is documented in docs/ingest-email.md and config/ingest-email.yaml.
 * {@link #toString()} never shows secrets.
 */
public record MailboxConfig(
        String id,
        String host,
        Integer port,
        Security security,
        String username,
        Optional<String> password,
        Optional<Path> passwordFile,
        Auth auth,
        Optional<Path> tokenFile,
        Optional<String> tokenCommand,
        String folder,
        AfterIngest afterIngest,
        Optional<String> moveTo,
        DataSize maxMessageSize,
        Duration pollInterval,
        Boolean idle,
        Duration idleRenewInterval,
        Duration timeout,
        Duration reconnectInitialDelay,
        Duration reconnectMaxDelay,
        Integer batchSize,
        DataSize deadLetterPayloadCap,
        Integer maxTextLength,
        InitialScan initialScan,
        Integer rescanMemory,
        Optional<Path> trustCertificateFile,
        Map<String, String> sessionProperties) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Kafka refuses records over 1MB by default; the rest of a dead letter needs room too. */
    private static final long MAX_PAYLOAD_CAP = 900 * 1024;

    public enum Security {
        TLS,
        STARTTLS,
        NONE
    }

    public enum Auth {
        PASSWORD,
        XOAUTH2
    }

    public enum AfterIngest {
        MARK_SEEN,
        MOVE,
        NONE
    }

    public enum InitialScan {
        ALL,
        NEW
    }

    public MailboxConfig {
        require(
                id != null && ID.matcher(id).matches(),
                "id: expected 1-64 letters, digits, '.', '_' or '-', got " + id);
        require(host != null && !host.isBlank(), "host: required");
        require(username != null && !username.isBlank(), "username: required");
        security = security == null ? Security.TLS : security;
        port = port == null ? (security == Security.TLS ? 993 : 143) : port;
        require(port > 0 && port < 65536, "port: expected 1-65535, got " + port);
        password = password == null ? Optional.empty() : password.filter(p -> !p.isEmpty());
        passwordFile = passwordFile == null ? Optional.empty() : passwordFile;
        auth = auth == null ? Auth.PASSWORD : auth;
        tokenFile = tokenFile == null ? Optional.empty() : tokenFile;
        tokenCommand = tokenCommand == null ? Optional.empty() : tokenCommand.filter(c -> !c.isBlank());
        if (auth == Auth.PASSWORD) {
            require(
                    password.isPresent() ^ passwordFile.isPresent(),
                    "auth password needs exactly one of password or password-file");
            require(tokenFile.isEmpty() && tokenCommand.isEmpty(), "token-file and token-command need auth: xoauth2");
        } else {
            require(
                    tokenFile.isPresent() ^ tokenCommand.isPresent(),
                    "auth xoauth2 needs exactly one of token-file or token-command");
            require(password.isEmpty() && passwordFile.isEmpty(), "password and password-file need auth: password");
        }
        folder = folder == null || folder.isBlank() ? "INBOX" : folder;
        afterIngest = afterIngest == null ? AfterIngest.MARK_SEEN : afterIngest;
        moveTo = moveTo == null ? Optional.empty() : moveTo.filter(m -> !m.isBlank());
        require(afterIngest != AfterIngest.MOVE || moveTo.isPresent(), "after-ingest move needs move-to");
        require(
                moveTo.isEmpty() || !moveTo.get().equals(folder),
                "move-to must be another folder than the one ingested");
        maxMessageSize = maxMessageSize == null ? DataSize.ofMegabytes(25) : maxMessageSize;
        pollInterval = positive(pollInterval, Duration.ofSeconds(60), "poll-interval");
        idle = idle == null || idle;
        idleRenewInterval = positive(idleRenewInterval, Duration.ofMinutes(10), "idle-renew-interval");
        require(
                idleRenewInterval.compareTo(Duration.ofMinutes(29)) < 0,
                "idle-renew-interval: servers drop IDLE after 30 minutes (RFC 2177); use less than 29m");
        timeout = positive(timeout, Duration.ofSeconds(30), "timeout");
        reconnectInitialDelay = positive(reconnectInitialDelay, Duration.ofSeconds(1), "reconnect-initial-delay");
        reconnectMaxDelay = positive(reconnectMaxDelay, Duration.ofMinutes(5), "reconnect-max-delay");
        require(
                reconnectMaxDelay.compareTo(reconnectInitialDelay) >= 0,
                "reconnect-max-delay must not be shorter than reconnect-initial-delay");
        batchSize = batchSize == null ? 50 : batchSize;
        require(batchSize >= 1 && batchSize <= 1000, "batch-size: expected 1-1000, got " + batchSize);
        deadLetterPayloadCap = deadLetterPayloadCap == null ? DataSize.parse("512KB") : deadLetterPayloadCap;
        require(
                deadLetterPayloadCap.bytes() <= MAX_PAYLOAD_CAP,
                "dead-letter-payload-cap: at most 900KB (Kafka's default record limit is 1MB), got "
                        + deadLetterPayloadCap);
        maxTextLength = maxTextLength == null ? 100_000 : maxTextLength;
        require(
                maxTextLength >= 1000 && maxTextLength <= 200_000,
                "max-text-length: expected 1000-200000 characters, got " + maxTextLength);
        initialScan = initialScan == null ? InitialScan.ALL : initialScan;
        rescanMemory = rescanMemory == null ? 2000 : rescanMemory;
        require(rescanMemory >= 0 && rescanMemory <= 10_000, "rescan-memory: expected 0-10000, got " + rescanMemory);
        trustCertificateFile = trustCertificateFile == null ? Optional.empty() : trustCertificateFile;
        sessionProperties = sessionProperties == null ? Map.of() : Map.copyOf(sessionProperties);
    }

    /** This mailbox on another server, e.g. the demo mailbox of {@code switchboard run}. */
    public MailboxConfig withServer(String newHost, int newPort, Security newSecurity) {
        return new MailboxConfig(
                id,
                newHost,
                newPort,
                newSecurity,
                username,
                password,
                passwordFile,
                auth,
                tokenFile,
                tokenCommand,
                folder,
                afterIngest,
                moveTo,
                maxMessageSize,
                pollInterval,
                idle,
                idleRenewInterval,
                timeout,
                reconnectInitialDelay,
                reconnectMaxDelay,
                batchSize,
                deadLetterPayloadCap,
                maxTextLength,
                initialScan,
                rescanMemory,
                trustCertificateFile,
                sessionProperties);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static Duration positive(Duration d, Duration fallback, String key) {
        Duration v = d == null ? fallback : d;
        require(!v.isNegative() && !v.isZero(), key + ": must be positive");
        return v;
    }

    /** The Kafka key of this folder's checkpoint: mailbox id and folder. */
    public String checkpointKey() {
        return id + "/" + folder;
    }

    @Override
    public String toString() {
        return "mailbox " + id + " (" + username + " at " + host + ":" + port + ", "
                + security.name().toLowerCase() + ", folder " + folder + ")";
    }
}
