package dev.switchboard.bench;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.ingest.email.EmailIngestConfig;
import dev.switchboard.ingest.email.MailboxIngestor;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench email}: how fast does ingest-email turn a mailbox into events on Kafka,
 * compared with plain Jakarta Mail only reading the same mailbox's bytes? Both sides read their
 * own copy of one generated corpus ({@link MimeCorpus}) from the same in-process IMAP server
 * ({@link TwinMailboxes}). The baseline ({@link PlainImapFetch}) runs before and after the
 * ingestor and the faster pass counts, so neither a cold JVM nor the machine's other work on one
 * pass flatters the ratio. The ingestor is timed from {@code start()} until a read_committed
 * consumer counted every message as an event or a dead letter.
 *
 * <p>Limits: GreenMail is not Dovecot or Exchange (it renders each message on every FETCH), and
 * server, ingestor, counting consumer and broker share one machine's cores.
 */
@Command(
        name = "email",
        mixinStandardHelpOptions = true,
        description = "Email ingest: messages of mixed MIME from an in-process IMAP server, against a plain Jakarta"
                + " Mail fetch of the same mailbox that only reads the bytes (goal ≥ 0.5× its messages/s).")
final class EmailBench implements Callable<Integer> {
    static final double GOAL = 0.5;
    /** The ingestor's default batch-size; the baseline fetches in batches of the same size. */
    private static final int BATCH = 50;

    @Mixin
    BenchOptions options;

    @Option(
            names = "--messages",
            defaultValue = "20000",
            description = "Messages in the mailbox (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(
            names = "--folder-size",
            defaultValue = "500",
            description = "Messages per folder; each folder is read on its own connection by both sides (default:"
                    + " ${DEFAULT-VALUE}; GreenMail's FETCH is quadratic in the folder size).")
    int folderSize;

    @Option(
            names = "--warmup",
            defaultValue = "4000",
            description = "Messages of a third mailbox that both sides read first, unmeasured, so neither is timed"
                    + " while the JIT compiles it (default: ${DEFAULT-VALUE}; 0 for none).")
    int warmup;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the generated mail (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        MimeCorpus corpus = new MimeCorpus(seed);
        try (BenchKafka kafka = BenchKafka.open(options);
                TwinMailboxes mail = TwinMailboxes.start()) {
            long setup = System.nanoTime();
            TwinMailboxes.Content content = mail.fill(corpus, messages, folderSize);
            // Distinct messages of the same corpus, after the measured ones.
            Optional<TwinMailboxes.Content> warm =
                    warmup > 0 ? Optional.of(mail.fillWarmUp(corpus, messages, warmup, folderSize)) : Optional.empty();
            Duration filling = Duration.ofNanos(System.nanoTime() - setup);

            if (warm.isPresent()) {
                List<String> folders = warm.get().folders();
                baseline(mail, TwinMailboxes.WARMUP_USER, folders);
                Ingested warmed =
                        ingest(kafka.namespace("email-warmup"), mail, TwinMailboxes.WARMUP_USER, folders, warmup);
                if (!warmed.exactlyOnce(warmup)) {
                    throw new IllegalStateException(
                            "the warm-up put " + warmed.records() + " records on Kafka for " + warmup + " messages");
                }
            }
            PlainImapFetch.Pass before = baseline(mail, TwinMailboxes.BASELINE_USER, content.folders());
            Ingested subject =
                    ingest(kafka.namespace("email"), mail, TwinMailboxes.SUBJECT_USER, content.folders(), messages);
            PlainImapFetch.Pass after = baseline(mail, TwinMailboxes.BASELINE_USER, content.folders());

            BenchReport report = report(content, before, after, subject, filling);
            report.print(out);
            Path json = options.out().resolve("email.json");
            report.writeJson(json);
            out.println("wrote " + json);
            boolean complete = subject.exactlyOnce(messages)
                    && before.timeline().count() == messages
                    && after.timeline().count() == messages;
            return complete ? 0 : 1;
        }
    }

    private PlainImapFetch.Pass baseline(TwinMailboxes mail, String user, List<String> folders) throws Exception {
        System.gc(); // each measured pass starts without the previous one's garbage
        return PlainImapFetch.readAll("127.0.0.1", mail.imapPort(), user, TwinMailboxes.PASSWORD, folders, BATCH);
    }

    /** What the ingestor put on Kafka, and when. */
    private record Ingested(Timeline timeline, int records, int distinct, int deadLetters) {
        boolean exactlyOnce(int n) {
            return records == n && distinct == n;
        }
    }

    private Ingested ingest(KafkaSettings kafka, TwinMailboxes mail, String user, List<String> folders, int messages)
            throws Exception {
        Topics topics = kafka.topics();
        // A message is its folder and UID: an event carries them in metadata, a dead letter in its context.
        List<CommittedCounter.Source<?>> sources = List.of(
                new CommittedCounter.Source<>(
                        topics.inboundMessages(),
                        m -> m.getMetadata().get("imap.folder") + "/"
                                + m.getMetadata().get("imap.uid")),
                new CommittedCounter.Source<>(
                        topics.deadLetter(),
                        d -> d.getContext().get("folder") + "/" + d.getContext().get("uid")));
        EmailIngestConfig config = config(mail.imapPort(), user, folders).withKafka(kafka);
        System.gc();
        try (CommittedCounter counter = CommittedCounter.start(kafka, sources)) {
            long start = System.nanoTime();
            try (MailboxIngestor ingestor = new MailboxIngestor(config, MailboxIngestor.Options.defaults())) {
                ingestor.start();
                // Generous: a slow machine must finish, a stuck ingestor must not hang the run forever.
                Duration limit = Duration.ofSeconds(120).plusMillis(20L * messages);
                if (!counter.awaitCount(messages, limit)) {
                    throw new IllegalStateException("only " + counter.count() + " of " + messages
                            + " messages reached Kafka within " + limit + "; ingest-email's log says why");
                }
                counter.awaitQuiet(Duration.ofSeconds(2));
            }
            return new Ingested(
                    counter.timeline(start, messages),
                    counter.count(),
                    counter.distinct(),
                    counter.count(topics.deadLetter()));
        }
    }

    /**
     * The subject's mailbox as a configuration file would describe it, one entry per folder;
     * everything else is ingest-email's default.
     */
    private static EmailIngestConfig config(int imapPort, String user, List<String> folders) {
        StringBuilder yaml = new StringBuilder("mailboxes:\n");
        for (String folder : folders) {
            yaml.append("  - id: bench\n")
                    .append("    host: 127.0.0.1\n")
                    .append("    port: ")
                    .append(imapPort)
                    .append('\n')
                    .append("    security: none\n")
                    .append("    username: ")
                    .append(user)
                    .append('\n')
                    .append("    password: ${BENCH_IMAP_PASSWORD}\n")
                    .append("    folder: ")
                    .append(folder)
                    .append('\n')
                    // Leaves the mailbox as the baseline sees it (the fetch is BODY.PEEK either way).
                    .append("    after-ingest: none\n");
        }
        return new ConfigLoader(Map.of("BENCH_IMAP_PASSWORD", TwinMailboxes.PASSWORD))
                .parse("bench-email.yaml", yaml.toString(), EmailIngestConfig.class);
    }

    private BenchReport report(
            TwinMailboxes.Content content,
            PlainImapFetch.Pass before,
            PlainImapFetch.Pass after,
            Ingested subject,
            Duration filling) {
        PlainImapFetch.Pass base =
                before.timeline().perSecond() >= after.timeline().perSecond() ? before : after;
        Timeline b = base.timeline();
        Timeline s = subject.timeline();
        double ratio = s.perSecond() / b.perSecond();
        int noSender = content.kinds().getOrDefault(MimeCorpus.Kind.NO_SENDER, 0);
        double mb = content.bytes() / 1e6;
        return new BenchReport(
                        "email ingest",
                        String.format(
                                Locale.ROOT, "switchboard bench email --messages %d --warmup %d", messages, warmup))
                .compare(
                        "messages/s, start to last message",
                        s.perSecond(),
                        b.perSecond(),
                        "msg/s",
                        "≥ " + GOAL + "× baseline",
                        ratio >= GOAL)
                .compare("messages/s, steady state (10th–90th pct)", s.steadyPerSecond(), b.steadyPerSecond(), "msg/s")
                .compare("MB/s of raw mail, start to last message", mb / seconds(s), mb / seconds(b), "MB/s")
                .compare(
                        "time to first message",
                        s.toFirst().toMillis(),
                        b.toFirst().toMillis(),
                        "ms")
                .compare(
                        "time to last message",
                        s.elapsed().toMillis(),
                        b.elapsed().toMillis(),
                        "ms")
                .report(
                        "messages on Kafka, each once (events + dead letters)",
                        subject.distinct(),
                        "msgs",
                        "all " + messages + ", none twice",
                        subject.exactlyOnce(messages))
                .report(
                        "of which dead letters",
                        subject.deadLetters(),
                        "msgs",
                        "the " + noSender + " without sender",
                        subject.deadLetters() == noSender)
                .report("mailbox size", mb, "MB", null, null)
                .report("mean message size", content.bytes() / 1024.0 / content.messages(), "KB", null, null)
                .note(String.format(
                        Locale.ROOT, "largest message %d KB; mix: %s", content.largest() / 1024, content.kinds()))
                .note(String.format(
                        Locale.ROOT,
                        "each side reads its own GreenMail mailbox with identical content, %d folder(s) of up to %d"
                                + " messages, each folder on its own connection and thread; delivering both took %d s,"
                                + " not measured",
                        content.folders().size(),
                        folderSize,
                        filling.toSeconds()))
                .note(String.format(
                        Locale.ROOT,
                        "baseline: plain Jakarta Mail over IMAP, FetchProfile UID+SIZE+MESSAGE per batch of %d, writeTo"
                                + " a counting stream; the faster of two passes, before the ingestor %.0f msg/s and after"
                                + " it %.0f msg/s (%d bytes read)",
                        BATCH,
                        before.timeline().perSecond(),
                        after.timeline().perSecond(),
                        base.bytes()))
                .note("subject: MailboxIngestor with ingest-email's defaults (batch-size 50, IDLE) and after-ingest"
                        + " none, one mailbox entry per folder, timed from start() (producers, initTransactions,"
                        + " checkpoint reads and IMAP logins included) until a read_committed consumer counted every"
                        + " message")
                .note(
                        warmup > 0
                                ? String.format(
                                        Locale.ROOT,
                                        "warm-up: both sides first read a third mailbox of %d other messages of the corpus,"
                                                + " unmeasured (the ingestor into its own topics)",
                                        warmup)
                                : "warm-up: none (--warmup 0); the ingestor's figures include the JIT compiling it");
    }

    private static double seconds(Timeline t) {
        return Math.max(1, t.elapsed().toNanos()) / 1e9;
    }
}
