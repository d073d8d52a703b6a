package dev.switchboard.bench;

import dev.switchboard.config.DataSize;
import dev.switchboard.http.WebServer;
import dev.switchboard.ingest.social.IngestSocialConfig;
import dev.switchboard.ingest.social.Platform;
import dev.switchboard.ingest.social.WebhookIngestor;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench webhook}: how many signed webhook requests per second does
 * ingest-social take in, each answered 200 only once Kafka acknowledged its messages, compared with
 * the same HTTP server answering 200 without Kafka ({@link PlainWebhookServer})? Both get the same
 * signed WhatsApp and Messenger batches ({@link WebhookPayloads}) over the same number of
 * keep-alive connections ({@link HttpLoad}); both are warmed up first, and the baseline runs before
 * and after the ingestor, the faster pass counting. Every answer must be 200 and every message must
 * be on Kafka exactly once, counted by a read_committed consumer.
 *
 * <p>Limits: client, servers and broker share one machine's cores, and the baseline does less than
 * any real endpoint would (no signature check, no parsing), so the ratio is a lower bound of what
 * Kafka alone costs.
 */
@Command(
        name = "webhook",
        mixinStandardHelpOptions = true,
        description = "Webhook ingest: signed WhatsApp/Messenger batches over keep-alive HTTP on loopback, against the"
                + " same server answering 200 without Kafka (goal ≥ 0.5× its requests/s; p99 reported).")
final class WebhookBench implements Callable<Integer> {
    static final double GOAL = 0.5;
    private static final String META_SECRET = "bench-meta-app-secret";
    private static final String WHATSAPP_SECRET = "bench-whatsapp-app-secret";
    /** ingest-social's default body limit, for both servers. */
    private static final DataSize MAX_BODY = DataSize.ofMegabytes(1);

    @Mixin
    BenchOptions options;

    @Option(
            names = "--requests",
            defaultValue = "50000",
            description = "Measured requests per server (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(
            names = "--connections",
            defaultValue = "8",
            description = "Concurrent keep-alive connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--batch", defaultValue = "10", description = "Messages per request (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--warmup",
            defaultValue = "-1",
            description = "Unmeasured requests to each server first (default: a tenth of --requests, at least 20 per"
                    + " connection).")
    int warmup;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the generated payloads (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    /** The three measured passes and what Kafka holds after them. */
    private record Passes(
            HttpLoad.Result before,
            HttpLoad.Result subject,
            HttpLoad.Result after,
            double kafkaWaitMillis,
            int expected,
            CommittedCounter kafka) {
        HttpLoad.Result baseline() {
            return before.requestsPerSecond() >= after.requestsPerSecond() ? before : after;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        WebhookPayloads payloads = new WebhookPayloads(seed, META_SECRET, WHATSAPP_SECRET);
        int warm = warmup >= 0 ? warmup : Math.max(20 * connections, requests / 10);
        // Distinct indices, so warm-up and measured messages have distinct ids on Kafka.
        List<WebhookPayloads.Request> warmSet = requests(payloads, 0, warm);
        List<WebhookPayloads.Request> measured = requests(payloads, warm, requests);
        try (BenchKafka kafka = BenchKafka.open(options)) {
            KafkaSettings settings = kafka.namespace("webhook");
            Topics topics = settings.topics();
            List<CommittedCounter.Source<?>> sources = List.of(
                    new CommittedCounter.Source<>(topics.inboundMessages(), m -> m.getSourceMessageId()),
                    new CommittedCounter.Source<>(
                            topics.deadLetter(),
                            d -> "dead letter " + d.getContext().get("request-id")));
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (WebhookIngestor subject = WebhookIngestor.start(config(settings), Clock.systemUTC(), registry);
                    WebServer plain = PlainWebhookServer.start(MAX_BODY)) {
                HttpLoad.Result plainWarm = HttpLoad.run(plain.port(), warmSet, connections);
                HttpLoad.Result subjectWarm = HttpLoad.run(subject.port(), warmSet, connections);
                HttpLoad.Result before = measure(plain.port(), measured);
                // The ingestor's own timer says how long its requests waited for Kafka's acknowledgements.
                Timer kafkaWait = registry.get("switchboard.social.kafka.wait").timer();
                long waitsBefore = kafkaWait.count();
                double waitedBefore = kafkaWait.totalTime(TimeUnit.MILLISECONDS);
                HttpLoad.Result measuredSubject = measure(subject.port(), measured);
                double kafkaWaitMillis = (kafkaWait.totalTime(TimeUnit.MILLISECONDS) - waitedBefore)
                        / Math.max(1, kafkaWait.count() - waitsBefore);
                HttpLoad.Result after = measure(plain.port(), measured);
                int expected = subjectWarm.messages() + measuredSubject.messages();
                boolean warmOk = plainWarm.allOk() && subjectWarm.allOk();
                // Counted after the passes: a 200 means Kafka has the messages, and a consumer reading
                // during the passes would take the cores the ingestor is measured on.
                try (CommittedCounter counter = CommittedCounter.start(settings, sources)) {
                    counter.awaitCount(expected, Duration.ofSeconds(60));
                    counter.awaitQuiet(Duration.ofSeconds(2));
                    Passes passes = new Passes(before, measuredSubject, after, kafkaWaitMillis, expected, counter);
                    BenchReport report = report(passes, topics, warm, warmOk, measured);
                    report.print(out);
                    Path json = options.out().resolve("webhook.json");
                    report.writeJson(json);
                    out.println("wrote " + json);
                    boolean complete = warmOk
                            && before.allOk()
                            && measuredSubject.allOk()
                            && after.allOk()
                            && counter.count() == expected
                            && counter.distinct() == expected;
                    return complete ? 0 : 1;
                }
            }
        }
    }

    private HttpLoad.Result measure(int port, List<WebhookPayloads.Request> list) throws InterruptedException {
        System.gc(); // each measured pass starts without the previous one's garbage
        return HttpLoad.run(port, list, connections);
    }

    private List<WebhookPayloads.Request> requests(WebhookPayloads payloads, int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> payloads.request(i, batch))
                .toList();
    }

    /** ingest-social with the WhatsApp and Meta app secrets, so every signature is checked; its defaults otherwise. */
    private static IngestSocialConfig config(KafkaSettings kafka) {
        return new IngestSocialConfig(
                new IngestSocialConfig.Http("127.0.0.1", 0, MAX_BODY, null),
                IngestSocialConfig.MetaApp.of(META_SECRET, "bench-verify-token"),
                IngestSocialConfig.MetaApp.of(WHATSAPP_SECRET, "bench-verify-token"),
                null,
                null,
                kafka);
    }

    private BenchReport report(
            Passes p, Topics topics, int warm, boolean warmOk, List<WebhookPayloads.Request> measured) {
        HttpLoad.Result b = p.baseline();
        HttpLoad.Result s = p.subject();
        CommittedCounter kafka = p.kafka();
        double ratio = s.requestsPerSecond() / b.requestsPerSecond();
        boolean onceEach = kafka.count() == p.expected() && kafka.distinct() == p.expected();
        long whatsapp =
                measured.stream().filter(r -> r.platform() == Platform.WHATSAPP).count();
        double meanBody =
                measured.stream().mapToInt(r -> r.body().length).average().orElse(0);
        int deadLetters = kafka.count(topics.deadLetter());
        return new BenchReport(
                        "webhook ingest",
                        String.format(
                                Locale.ROOT,
                                "switchboard bench webhook --requests %d --connections %d --batch %d",
                                requests,
                                connections,
                                batch))
                .compare(
                        "requests/s",
                        s.requestsPerSecond(),
                        b.requestsPerSecond(),
                        "req/s",
                        "≥ " + GOAL + "× baseline",
                        ratio >= GOAL)
                .compare(
                        "requests/s, steady state (10th–90th pct)",
                        s.timeline().steadyPerSecond(),
                        b.timeline().steadyPerSecond(),
                        "req/s")
                .compare(
                        "messages/s (ingestor: acknowledged by Kafka)",
                        s.messagesPerSecond(),
                        b.messagesPerSecond(),
                        "msg/s")
                .compare("p50 request latency", s.latencyMillis(50), b.latencyMillis(50), "ms")
                .compare("p99 request latency", s.latencyMillis(99), b.latencyMillis(99), "ms")
                .compare("p99.9 request latency", s.latencyMillis(99.9), b.latencyMillis(99.9), "ms")
                .compare(
                        "max request latency",
                        s.latencyMicros().getMaxValue() / 1000.0,
                        b.latencyMicros().getMaxValue() / 1000.0,
                        "ms")
                .report("ingestor: mean wait for Kafka's acknowledgement", p.kafkaWaitMillis(), "ms", null, null)
                .report(
                        "measured requests answered 200 (ingestor)",
                        s.statuses().getOrDefault(200, 0),
                        "req",
                        "all " + requests,
                        s.allOk())
                .report(
                        "messages on Kafka, each once (warm-up included)",
                        kafka.distinct(),
                        "msgs",
                        "all " + p.expected() + ", none twice",
                        onceEach)
                .report("dead letters", deadLetters, "msgs", "none", deadLetters == 0)
                .note(String.format(
                        Locale.ROOT,
                        "%d requests of %d messages each per pass over %d keep-alive HTTP/1.1 connections"
                                + " (java.net.http, one client per connection); %d%% WhatsApp, the rest Messenger; mean"
                                + " body %.0f bytes; every request signed (X-Hub-Signature-256)",
                        requests,
                        batch,
                        connections,
                        Math.round(100.0 * whatsapp / measured.size()),
                        meanBody))
                .note(String.format(
                        Locale.ROOT,
                        "baseline: the same WebServer with routes at /webhooks/meta and /webhooks/whatsapp that read the"
                                + " body and answer 200, no signature check, no parsing, no Kafka; the faster of two"
                                + " passes, before the ingestor %.0f req/s and after it %.0f req/s; answers: %s / %s",
                        p.before().requestsPerSecond(),
                        p.after().requestsPerSecond(),
                        p.before().statuses(),
                        p.after().statuses()))
                .note(String.format(
                        Locale.ROOT,
                        "subject: WebhookIngestor with both app secrets (signatures checked), ingest-social's defaults"
                                + " (idempotent producer, acks=all, 200 only once Kafka acknowledged); answers: %s%s",
                        s.statuses(),
                        s.firstFailure().map(f -> "; first failure: " + f).orElse("")))
                .note(String.format(
                        Locale.ROOT,
                        "warm-up: %d unmeasured requests to each server first (%s)",
                        warm,
                        warmOk ? "all answered 200" : "NOT all answered 200"));
    }
}
