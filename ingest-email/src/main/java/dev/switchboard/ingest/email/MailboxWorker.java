package dev.switchboard.ingest.email;

import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topic;
import dev.switchboard.schemas.Topics;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests one mailbox folder, on its own thread, until stopped: connect, ingest every message
 * above the checkpoint in batches, wait for new mail (IDLE, or polling), and on any network,
 * server or Kafka error reconnect after a backoff. Nothing here stops another mailbox.
 *
 * <p>Exactly once: one transactional producer per folder (its transactional.id is derived from
 * the topic prefix, mailbox id and folder, so a restarted instance fences the old one). Each
 * batch sends its events and dead letters and the folder's checkpoint in one transaction; the
 * checkpoint is read back (read_committed) after {@code initTransactions()} at every (re)start.
 * The after-ingest action runs after the commit and is repeated at start for messages the
 * checkpoint covers, so it is never the source of truth.
 */
final class MailboxWorker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(MailboxWorker.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(60);

    enum State {
        STARTING,
        CONNECTING,
        INGESTING,
        IDLE,
        POLLING,
        BACKING_OFF,
        FENCED,
        STOPPED
    }

    private final MailboxConfig config;
    private final KafkaSettings kafka;
    private final Topics topics;
    private final EmailEvents events;
    private final Clock clock;
    private final Sleeper sleeper;
    private final CrashPoints crashPoints;
    private final IngestMetrics metrics;
    private final Backoff backoff;
    private final Credentials credentials;
    private final ScheduledExecutorService timers;
    private final AfterIngest afterIngest;

    private volatile boolean running = true;
    private volatile State state = State.STARTING;
    private volatile Store store;
    private volatile IMAPFolder folder;
    private KafkaProducer<String, byte[]> producer;
    private boolean transactionOpen;
    private FolderCheckpoint checkpoint;
    private boolean caughtUp;
    private int countAtLastScan = -1;
    /** Fetch failures per UID while the connection stayed up: a message the server cannot deliver. */
    private final Map<Long, Integer> fetchFailures = new HashMap<>();
    /** The current batch's bodies fetched ahead, by UID; null for one the server did not send. */
    private final Map<Long, byte[]> prefetched = new HashMap<>();

    private static final int MAX_FETCH_FAILURES = 3;

    MailboxWorker(
            MailboxConfig config,
            KafkaSettings kafka,
            EmailEvents events,
            Clock clock,
            Sleeper sleeper,
            CrashPoints crashPoints,
            IngestMetrics metrics,
            Backoff backoff,
            ScheduledExecutorService timers) {
        this.config = config;
        this.kafka = kafka;
        this.topics = kafka.topics();
        this.events = events;
        this.clock = clock;
        this.sleeper = sleeper;
        this.crashPoints = crashPoints;
        this.metrics = metrics;
        this.backoff = backoff;
        this.credentials = new Credentials(config);
        this.timers = timers;
        this.afterIngest = new AfterIngest(config);
    }

    State state() {
        return state;
    }

    @Override
    public void run() {
        if (config.security() == MailboxConfig.Security.NONE) {
            log.warn("{}: security is none: the password and every message cross the network unencrypted", config);
        }
        while (running) {
            try {
                ensureProducer();
                connect();
                while (running) {
                    ingestNew();
                    backoff.reset();
                    waitForMail();
                }
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                log.error("{}: another instance took over this mailbox (transaction fenced); stopping", config);
                state = State.FENCED;
                running = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (MessagingException | IOException | GeneralSecurityException | RuntimeException e) {
                if (!running) {
                    break;
                }
                try {
                    recover(e);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
        // Interrupted by close(): clean up first (Kafka's close waits for its I/O thread), then keep the flag.
        boolean interrupted = Thread.interrupted();
        disconnect();
        closeProducer();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (state != State.FENCED) {
            state = State.STOPPED;
        }
    }

    /** Stops the loop and wakes the worker from IDLE or a backoff. */
    void stop() {
        running = false;
        wakeIdle();
    }

    /** Wakes a worker in IDLE (Angus ends IDLE when another thread needs the connection). */
    void wakeIdle() {
        IMAPFolder f = folder;
        if (f == null || !f.isOpen()) {
            return;
        }
        try {
            f.doCommand(p -> {
                p.simpleCommand("NOOP", null);
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            log.debug("{}: waking from IDLE failed: {}", config.id(), e.toString());
        }
    }

    /** After the thread has ended, for whatever reason: nothing of this worker stays open. */
    void releaseAfterCrash() {
        disconnect();
        closeProducer();
    }

    /** Closes the connection under the worker's feet: a last resort when it does not stop. */
    void forceDisconnect() {
        disconnect();
    }

    private void recover(Exception e) throws InterruptedException {
        state = State.BACKING_OFF;
        metrics.connected(false);
        metrics.reconnect();
        abortQuietly();
        disconnect();
        if (e instanceof KafkaException) {
            closeProducer(); // a new producer re-reads the checkpoint after fencing this one's leftovers
        }
        Duration delay = backoff.next();
        String why = e instanceof AuthenticationFailedException
                ? "login rejected (" + e.getMessage() + "); the secret is read again before the next attempt"
                : e.toString().replaceAll("\\s*\\R\\s*", " "); // Angus nests causes on new lines
        if (e instanceof RuntimeException && !(e instanceof KafkaException)) {
            log.error("{}: unexpected failure, reconnecting in {} ms", config, delay.toMillis(), e);
        } else {
            log.warn("{}: {}; reconnecting in {} ms", config, why, delay.toMillis());
        }
        sleeper.sleep(delay);
    }

    // ------------------------------------------------------------------ Kafka

    private void ensureProducer() {
        if (producer != null) {
            return;
        }
        Properties p = ClientProperties.transactionalProducer(kafka, "ingest-email." + config.checkpointKey());
        // Fetching a batch over a slow IMAP link must not run into the default 60 s transaction timeout.
        p.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int)
                Duration.ofMinutes(5).toMillis());
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        checkpoint = CheckpointStore.latest(kafka, topics.checkpoints(), config.checkpointKey(), KAFKA_TIMEOUT)
                .map(FolderCheckpoint::from)
                .orElse(null);
        caughtUp = false;
        log.info(
                "{}: checkpoint {}",
                config,
                checkpoint == null
                        ? "none (first start)"
                        : "uidValidity " + checkpoint.uidValidity() + ", last UID " + checkpoint.lastUid());
    }

    private <V> void send(Topic<String, V> topic, String key, V value) {
        producer.send(new ProducerRecord<>(
                topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value)));
    }

    private void commit(FolderCheckpoint next, boolean batch) {
        send(topics.checkpoints(), config.checkpointKey(), next.toEvent(config.id(), config.folder(), clock.instant()));
        if (batch) {
            crashPoints.reached(CrashPoints.Point.AFTER_PRODUCE_BEFORE_COMMIT, config.id());
        }
        producer.commitTransaction();
        transactionOpen = false;
        checkpoint = next;
    }

    private void begin() {
        producer.beginTransaction();
        transactionOpen = true;
    }

    private void abortQuietly() {
        if (producer == null || !transactionOpen) {
            return;
        }
        transactionOpen = false;
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            log.debug("{}: abort: {}", config.id(), e.toString());
        }
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.debug("{}: closing the producer: {}", config.id(), e.toString());
            }
            producer = null;
            transactionOpen = false;
        }
    }

    // ------------------------------------------------------------------ IMAP

    private void connect() throws MessagingException, IOException, GeneralSecurityException {
        state = State.CONNECTING;
        Session session = ImapSessions.session(config);
        Store s = session.getStore(ImapSessions.protocol(config));
        s.connect(config.host(), config.port(), config.username(), credentials.secret());
        store = s;
        IMAPFolder f = (IMAPFolder) s.getFolder(config.folder());
        if (!f.exists()) {
            throw new FolderNotFoundException(f, "folder " + config.folder() + " does not exist");
        }
        if (config.afterIngest() == MailboxConfig.AfterIngest.MOVE) {
            Folder target = s.getFolder(config.moveTo().orElseThrow());
            if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException(
                        "cannot create move-to folder " + config.moveTo().get());
            }
        }
        f.open(config.afterIngest() == MailboxConfig.AfterIngest.NONE ? Folder.READ_ONLY : Folder.READ_WRITE);
        folder = f;
        metrics.connected(true);
        log.info(
                "{}: connected, {} messages, {}",
                config,
                f.getMessageCount(),
                idleSupported() ? "IDLE" : "polling every " + config.pollInterval());
    }

    private boolean idleSupported() throws MessagingException {
        return config.idle() && store instanceof IMAPStore s && s.hasCapability("IDLE");
    }

    private void disconnect() {
        metrics.connected(false);
        IMAPFolder f = folder;
        Store s = store;
        folder = null;
        store = null;
        try {
            if (f != null && f.isOpen()) {
                f.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            log.debug("{}: closing the folder: {}", config.id(), e.toString());
        }
        try {
            if (s != null) {
                s.close();
            }
        } catch (MessagingException | RuntimeException e) {
            log.debug("{}: closing the store: {}", config.id(), e.toString());
        }
    }

    private void waitForMail() throws MessagingException, InterruptedException {
        if (!running) {
            return;
        }
        // The folder's count is what the server last told us. A NOOP asks for news first: mail that
        // arrived after our last command is reported now, not at the end of an IDLE that some
        // servers (GreenMail among them) only start watching when it begins.
        folder.doCommand(protocol -> {
            protocol.noop();
            return null;
        });
        if (folder.getMessageCount() != countAtLastScan) {
            return; // mail arrived (or left) while we were busy: scan again before waiting
        }
        if (idleSupported()) {
            state = State.IDLE;
            ScheduledFuture<?> renew =
                    timers.schedule(this::wakeIdle, config.idleRenewInterval().toMillis(), TimeUnit.MILLISECONDS);
            try {
                folder.idle(true);
            } finally {
                renew.cancel(false);
            }
        } else {
            state = State.POLLING;
            sleeper.sleep(config.pollInterval());
        }
    }

    // ------------------------------------------------------------------ ingesting

    private void ingestNew() throws MessagingException, IOException {
        state = State.INGESTING;
        long uidValidity = folder.getUIDValidity();
        if (checkpoint == null) {
            long start = config.initialScan() == MailboxConfig.InitialScan.NEW ? highestUid() : 0;
            log.info("{}: first start, ingesting messages above UID {}", config, start);
            commitAlone(FolderCheckpoint.start(uidValidity, start));
        } else if (checkpoint.uidValidity() != uidValidity) {
            long until = highestUid();
            log.warn(
                    "{}: UIDVALIDITY changed from {} to {}; rescanning up to UID {}, skipping messages already on Kafka",
                    config,
                    checkpoint.uidValidity(),
                    uidValidity,
                    until);
            commitAlone(checkpoint.rescan(uidValidity, until));
        }
        if (!caughtUp) {
            afterIngest.catchUp(store, folder, checkpoint.lastUid());
            caughtUp = true;
        }
        countAtLastScan = folder.getMessageCount();
        List<Message> pending = newMessages();
        metrics.oldestUnprocessed(pending.stream()
                .map(this::internalDate)
                .flatMap(Optional::stream)
                .min(Instant::compareTo)
                .orElse(null));
        for (int i = 0; i < pending.size() && running; i += config.batchSize()) {
            ingestBatch(pending.subList(i, Math.min(pending.size(), i + config.batchSize())));
            List<Message> rest = pending.subList(Math.min(pending.size(), i + config.batchSize()), pending.size());
            metrics.oldestUnprocessed(rest.stream()
                    .map(this::internalDate)
                    .flatMap(Optional::stream)
                    .min(Instant::compareTo)
                    .orElse(null));
        }
    }

    private long highestUid() throws MessagingException {
        int count = folder.getMessageCount();
        return count == 0 ? 0 : folder.getUID(folder.getMessage(count));
    }

    private void commitAlone(FolderCheckpoint next) {
        begin();
        commit(next, false);
    }

    private List<Message> newMessages() throws MessagingException {
        long last = checkpoint.lastUid();
        Message[] found = folder.getMessagesByUID(last + 1, UIDFolder.MAXUID);
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.SIZE);
        profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
        folder.fetch(found, profile);
        List<Message> out = new ArrayList<>();
        for (Message m : found) {
            // "UID n:*" always returns the last message, even when its UID is below n.
            if (m != null && !m.isExpunged() && folder.getUID(m) > last) {
                out.add(m);
            }
        }
        return out;
    }

    /** What one message became, for the metrics once the transaction is committed. */
    private record Outcome(Optional<InboundMessage> event, Optional<DeadLetter> deadLetter) {}

    private void ingestBatch(List<Message> batch) throws MessagingException, IOException {
        FolderCheckpoint next = checkpoint;
        List<Outcome> outcomes = new ArrayList<>();
        begin();
        try {
            crashPoints.reached(CrashPoints.Point.BEFORE_PRODUCE, config.id());
            for (int i = 0; i < batch.size(); i++) {
                Message m = batch.get(i);
                long uid = folder.getUID(m);
                if (!prefetched.containsKey(uid)) {
                    prefetch(batch.subList(i, batch.size()));
                }
                MessageContext ctx =
                        new MessageContext(config.id(), config.folder(), uid, next.uidValidity(), internalDate(m));
                next = ingestOne(m, ctx, next, outcomes);
            }
            commit(next, true);
        } catch (MessagingException | IOException | RuntimeException e) {
            abortQuietly();
            throw e;
        } finally {
            prefetched.clear();
        }
        for (Outcome o : outcomes) {
            o.event()
                    .ifPresent(e -> metrics.ingested(
                            e.getFlags().getAutoReply(), e.getFlags().getBounce()));
            o.deadLetter().ifPresent(d -> metrics.deadLettered(d.getReason().name()));
        }
        crashPoints.reached(CrashPoints.Point.AFTER_COMMIT_BEFORE_AFTER_INGEST, config.id());
        afterIngest.afterCommit(store, folder, batch);
    }

    /**
     * Fetches the bodies of the next messages of a batch in one round trip: as many as fit in
     * {@link BodyPrefetch#GROUP_BYTES} (at least one), stopping before a message over
     * max-message-size, which is never downloaded.
     */
    private void prefetch(List<Message> rest) throws MessagingException {
        List<Message> group = new ArrayList<>();
        long bytes = 0;
        for (Message m : rest) {
            long size = m.getSize();
            if (size > config.maxMessageSize().bytes() || !group.isEmpty() && bytes + size > BodyPrefetch.GROUP_BYTES) {
                break;
            }
            group.add(m);
            bytes += size;
        }
        prefetched.putAll(BodyPrefetch.fetch(folder, group));
    }

    private FolderCheckpoint ingestOne(Message m, MessageContext ctx, FolderCheckpoint next, List<Outcome> outcomes)
            throws MessagingException, IOException {
        Instant now = clock.instant();
        boolean rescanning = next.rescanning();
        if (rescanning && ctx.internalDate().isPresent()) {
            Optional<Instant> floor = next.rescanFloor();
            if (floor.isPresent() && ctx.internalDate().get().isBefore(floor.get())) {
                log.debug("{}: rescan skips UID {}: received before the remembered window", config.id(), ctx.uid());
                return next.advance(ctx.uid(), Optional.empty(), config.rescanMemory());
            }
        }
        long size = m.getSize();
        long limit = config.maxMessageSize().bytes();
        if (size > limit) {
            byte[] prefix = BodyPrefetch.prefix(
                    folder, ctx.uid(), config.deadLetterPayloadCap().toIntBytes());
            fetchFailures.remove(ctx.uid());
            Fingerprint f = Fingerprint.of(
                    ctx.internalDate().orElse(now),
                    EmailEvents.contentHash(prefix),
                    MessageIds.first(
                            MailHeaders.parse(prefix).first("Message-ID").orElse("")));
            if (rescanning && next.alreadyIngested(f, config.rescanMemory())) {
                return next.advance(ctx.uid(), Optional.of(f), config.rescanMemory());
            }
            DeadLetter d = events.oversized(prefix, size, limit, ctx, now);
            send(topics.deadLetter(), config.id(), d);
            outcomes.add(new Outcome(Optional.empty(), Optional.of(d)));
            log.info("{}: UID {} dead-lettered (OVERSIZED): {} bytes", config.id(), ctx.uid(), size);
            return next.advance(ctx.uid(), Optional.of(f), config.rescanMemory());
        }
        byte[] raw;
        try {
            byte[] fetched = prefetched.remove(ctx.uid());
            raw = fetched != null ? fetched : fullBody(m);
            fetchFailures.remove(ctx.uid());
        } catch (FolderClosedException | StoreClosedException e) {
            throw e; // the connection, not the message
        } catch (MessagingException | IOException e) {
            int failures = fetchFailures.merge(ctx.uid(), 1, Integer::sum);
            if (failures < MAX_FETCH_FAILURES) {
                throw e;
            }
            // The server keeps failing on this one message: it must not block the mailbox.
            fetchFailures.remove(ctx.uid());
            DeadLetter d = events.unfetchable(e, size, ctx, now);
            send(topics.deadLetter(), config.id(), d);
            outcomes.add(new Outcome(Optional.empty(), Optional.of(d)));
            log.warn(
                    "{}: UID {} dead-lettered: the server failed {} times to deliver it: {}",
                    config.id(),
                    ctx.uid(),
                    failures,
                    e.toString());
            return next.advance(ctx.uid(), Optional.empty(), config.rescanMemory());
        }
        EmailEvents.Conversion c;
        try {
            c = events.convert(raw, ctx, now);
        } catch (RuntimeException e) {
            log.error("{}: UID {} could not be converted; dead-lettered", config.id(), ctx.uid(), e);
            c = new EmailEvents.Rejected(
                    events.processingError(raw, e, ctx, now),
                    Fingerprint.of(ctx.internalDate().orElse(now), EmailEvents.contentHash(raw), Optional.empty()));
        }
        if (rescanning && next.alreadyIngested(c.fingerprint(), config.rescanMemory())) {
            log.debug("{}: rescan skips UID {}: already on Kafka", config.id(), ctx.uid());
            return next.advance(ctx.uid(), Optional.of(c.fingerprint()), config.rescanMemory());
        }
        if (c instanceof EmailEvents.Accepted a) {
            InboundMessage e = a.event();
            send(topics.inboundMessages(), e.getConversationKey(), e);
            outcomes.add(new Outcome(Optional.of(e), Optional.empty()));
            log.debug(
                    "{}: UID {} message-id {} conversation {} autoReply={} bounce={} list={}",
                    config.id(),
                    ctx.uid(),
                    e.getSourceMessageId(),
                    e.getConversationKey(),
                    e.getFlags().getAutoReply(),
                    e.getFlags().getBounce(),
                    e.getFlags().getMailingList());
        } else {
            DeadLetter d = ((EmailEvents.Rejected) c).deadLetter();
            send(topics.deadLetter(), config.id(), d);
            outcomes.add(new Outcome(Optional.empty(), Optional.of(d)));
            log.info("{}: UID {} dead-lettered ({}): {}", config.id(), ctx.uid(), d.getReason(), d.getDetail());
        }
        return next.advance(ctx.uid(), Optional.of(c.fingerprint()), config.rescanMemory());
    }

    private Optional<Instant> internalDate(Message m) {
        try {
            return Optional.ofNullable(m.getReceivedDate()).map(Date::toInstant);
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    private static byte[] fullBody(Message m) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, m.getSize()));
        m.writeTo(out);
        return out.toByteArray();
    }
}
