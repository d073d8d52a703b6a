package dev.switchboard.ingest.email;

import dev.switchboard.http.HealthCheck;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest-email service: every configured mailbox folder becomes {@code InboundMessage}
 * events on {@code support.inbound.messages}, exactly once, with dead letters for what cannot be
 * read. One worker thread per mailbox, so one mailbox's trouble never stops another.
 *
 * <p>Embeddable: construct, {@link #start()}, {@link #close()}; {@code switchboard run} runs it in
 * the same JVM as the other services. Tests inject a clock, a sleeper and {@link CrashPoints}.
 */
public final class MailboxIngestor implements AutoCloseable {
    private static final java.util.Set<String> HEALTHY = java.util.Set.of("ingesting", "idle", "polling");
    private static final Logger log = LoggerFactory.getLogger(MailboxIngestor.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    /** What a caller may replace: metrics registry, time, waiting, the crash hook, randomness of backoff jitter. */
    public record Options(
            MeterRegistry registry, Clock clock, Sleeper sleeper, CrashPoints crashPoints, DoubleSupplier random) {
        public static Options defaults() {
            return new Options(
                    new SimpleMeterRegistry(),
                    Clock.systemUTC(),
                    Sleeper.REAL,
                    CrashPoints.NONE,
                    () -> ThreadLocalRandom.current().nextDouble());
        }

        public Options withRegistry(MeterRegistry r) {
            return new Options(r, clock, sleeper, crashPoints, random);
        }

        public Options withCrashPoints(CrashPoints c) {
            return new Options(registry, clock, sleeper, c, random);
        }

        public Options withClock(Clock c) {
            return new Options(registry, c, sleeper, crashPoints, random);
        }
    }

    private final EmailIngestConfig config;
    private final Options options;
    private final Map<String, MailboxWorker> workers = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService timers;
    private boolean started;

    public MailboxIngestor(EmailIngestConfig config, Options options) {
        this.config = config;
        this.options = options;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ingest-email-timers");
            t.setDaemon(true);
            return t;
        });
    }

    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        for (MailboxConfig mailbox : config.mailboxes()) {
            MailboxWorker worker = new MailboxWorker(
                    mailbox,
                    config.kafka(),
                    new EmailEvents(
                            mailbox.maxTextLength(),
                            mailbox.deadLetterPayloadCap().toIntBytes()),
                    options.clock(),
                    options.sleeper(),
                    options.crashPoints(),
                    new IngestMetrics(options.registry(), mailbox.id(), mailbox.folder(), options.clock()),
                    new Backoff(mailbox.reconnectInitialDelay(), mailbox.reconnectMaxDelay(), options.random()),
                    timers);
            Thread thread = new Thread(worker, "ingest-email-" + mailbox.id());
            thread.setUncaughtExceptionHandler((t, e) -> log.error("{}: worker died", mailbox, e));
            workers.put(mailbox.checkpointKey(), worker);
            threads.add(thread);
            thread.start();
        }
        log.info("ingest-email started for {} mailbox folder(s)", workers.size());
    }

    /** Each mailbox folder's state (connecting, ingesting, idle, polling, backing off, fenced, stopped, crashed). */
    public synchronized Map<String, String> status() {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        for (var e : workers.entrySet()) {
            boolean alive = threads.get(i++).isAlive();
            MailboxWorker.State s = e.getValue().state();
            out.put(
                    e.getKey(),
                    !alive && s != MailboxWorker.State.STOPPED && s != MailboxWorker.State.FENCED
                            ? "crashed"
                            : s.name().toLowerCase().replace('_', ' '));
        }
        return out;
    }

    /** Ready when every mailbox folder is connected (ingesting, idle or polling). */
    public HealthCheck healthCheck() {
        return () -> {
            Map<String, String> states = status();
            boolean up = !states.isEmpty() && states.values().stream().allMatch(HEALTHY::contains);
            return new HealthCheck.Result(up, states.toString());
        };
    }

    @Override
    public synchronized void close() {
        workers.values().forEach(MailboxWorker::stop);
        // Most workers end on their own once stopped (IDLE is woken, a batch finishes). Interrupting
        // those too would break into their producer's close, which Kafka then logs as an error and
        // cuts short; only workers still sleeping or blocked after a grace period are interrupted.
        long grace = System.nanoTime() + STOP_GRACE.toNanos();
        try {
            for (Thread thread : threads) {
                long left = grace - System.nanoTime();
                if (left > 0) {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        int i = 0;
        for (MailboxWorker worker : workers.values()) {
            Thread thread = threads.get(i++);
            try {
                while (thread.isAlive() && System.nanoTime() < deadline) {
                    worker.wakeIdle();
                    thread.join(200);
                }
                if (thread.isAlive()) {
                    log.warn("{} did not stop in {}; closing its connection", thread.getName(), STOP_TIMEOUT);
                    worker.forceDisconnect();
                    thread.join(5000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            worker.releaseAfterCrash();
        }
        timers.shutdownNow();
        log.info("ingest-email stopped");
    }
}
