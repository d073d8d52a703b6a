package dev.switchboard.bench;

import dev.switchboard.config.DataSize;
import dev.switchboard.http.WebServer;
import dev.switchboard.ingest.social.IngestSocialConfig;
import dev.switchboard.ingest.social.Platform;
import dev.switchboard.ingest.social.RecordPublisher;
import dev.switchboard.ingest.social.WebhookIngestor;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench webhook}: how many signed webhook requests per second does
 * ingest-social take in, each answered 200 only once Kafka acknowledged its messages, compared with
 * the same server answering 200 without Kafka: a second {@link WebhookIngestor} whose
 * {@link RecordPublisher} acknowledges at once, so it checks, parses and serializes exactly as
 * much. The HTTP server alone ({@link PlainWebhookServer}) is reported too, as the floor of any
 * endpoint. All three get the same signed WhatsApp and Messenger batches ({@link WebhookPayloads})
 * over the same number of keep-alive connections ({@link HttpLoad}); all are warmed up first, and
 * each baseline runs before and after the ingestor, the faster pass counting. Every answer must be
 * 200 and every message must be on Kafka exactly once, counted by a read_committed consumer.
 *
 * <p>Limits: client, servers and broker share one machine's cores, so Kafka's cost includes the
 * broker's CPU taken from the server.
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
            description = "Unmeasured requests to each server first (default: a quarter of --requests, at least 20 per"
                    + " connection).")
    int warmup;

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            description = "A Kafka client property for the ingestor, as kafka.properties in its configuration file"
                    + " (e.g. linger.ms=0, batch.size=262144); repeatable. Default: ingest-social's own.")
    Map<String, String> kafkaProperties = new TreeMap<>();

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the generated payloads (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    private static final String BARE = "the same WebhookIngestor (signatures checked, batches parsed, events built"
            + " and serialized) answering 200 without Kafka";
    private static final String PLAIN = "the same WebServer with routes at /webhooks/meta and /webhooks/whatsapp that"
            + " read the body and answer 200, no signature check, no parsing, no Kafka";

    /** A baseline's two passes, before and after the ingestor's: the faster one counts. */
    private record Baseline(String description, HttpLoad.Result before, HttpLoad.Result after) {
        HttpLoad.Result faster() {
            return before.requestsPerSecond() >= after.requestsPerSecond() ? before : after;
        }

        boolean allOk() {
            return before.allOk() && after.allOk();
        }

        String note() {
            return String.format(
                    Locale.ROOT,
                    "%s; the faster of two passes, before the ingestor %.0f req/s and after it %.0f req/s; answers: %s"
                            + " / %s",
                    description,
                    before.requestsPerSecond(),
                    after.requestsPerSecond(),
                    before.statuses(),
                    after.statuses());
        }
    }

    /** The measured passes and what Kafka holds after them. */
    private record Passes(
            Baseline bare,
            Baseline plain,
            HttpLoad.Result subject,
            double kafkaWaitMillis,
            ProducerFigures producer,
            int expected,
            CommittedCounter kafka) {}

    /**
     * What the ingestor's producer says of its produce requests (Kafka's own windowed metrics, the
     * last 30 to 60 s, read over JMX right after the ingestor's pass): how long the broker took to
     * answer one, and how many records each carried.
     */
    private record ProducerFigures(double requestLatencyMillis, double recordsPerRequest) {
        static ProducerFigures of(String clientId) {
            try {
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                ObjectName name = new ObjectName("kafka.producer:type=producer-metrics,client-id=" + clientId);
                return new ProducerFigures(
                        ((Number) server.getAttribute(name, "request-latency-avg")).doubleValue(),
                        ((Number) server.getAttribute(name, "records-per-request-avg")).doubleValue());
            } catch (JMException e) {
                return new ProducerFigures(Double.NaN, Double.NaN);
            }
        }
    }

    /** Acknowledges every record at once and writes none: the ingestor without Kafka. */
    private static final class NoKafka implements RecordPublisher {
        @Override
        public Result publish(List<Outgoing> records) {
            return new Result.Acknowledged(records.size());
        }

        @Override
        public void close() {}
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        WebhookPayloads payloads = new WebhookPayloads(seed, META_SECRET, WHATSAPP_SECRET);
        int warm = warmup >= 0 ? warmup : Math.max(20 * connections, requests / 4);
        // Distinct indices, so warm-up and measured messages have distinct ids on Kafka.
        List<WebhookPayloads.Request> warmSet = requests(payloads, 0, warm);
        List<WebhookPayloads.Request> measured = requests(payloads, warm, requests);
        try (BenchKafka kafka = BenchKafka.open(options)) {
            KafkaSettings settings = kafka.namespace("webhook", kafkaProperties);
            Topics topics = settings.topics();
            List<CommittedCounter.Source<?>> sources = List.of(
                    new CommittedCounter.Source<>(topics.inboundMessages(), m -> m.getSourceMessageId()),
                    new CommittedCounter.Source<>(
                            topics.deadLetter(),
                            d -> "dead letter " + d.getContext().get("request-id")));
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (WebhookIngestor subject = WebhookIngestor.start(config(settings), Clock.systemUTC(), registry);
                    WebhookIngestor bare = WebhookIngestor.start(
                            config(settings),
                            Clock.systemUTC(),
                            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                            new NoKafka());
                    WebServer plain = PlainWebhookServer.start(MAX_BODY)) {
                HttpLoad.Result plainWarm = HttpLoad.run(plain.port(), warmSet, connections);
                HttpLoad.Result bareWarm = HttpLoad.run(bare.port(), warmSet, connections);
                HttpLoad.Result subjectWarm = HttpLoad.run(subject.port(), warmSet, connections);
                HttpLoad.Result plainBefore = measure(plain.port(), measured);
                HttpLoad.Result bareBefore = measure(bare.port(), measured);
                // The ingestor's own timer says how long its requests waited for Kafka's acknowledgements.
                Timer kafkaWait = registry.get("switchboard.social.kafka.wait").timer();
                long waitsBefore = kafkaWait.count();
                double waitedBefore = kafkaWait.totalTime(TimeUnit.MILLISECONDS);
                HttpLoad.Result measuredSubject = measure(subject.port(), measured);
                double kafkaWaitMillis = (kafkaWait.totalTime(TimeUnit.MILLISECONDS) - waitedBefore)
                        / Math.max(1, kafkaWait.count() - waitsBefore);
                ProducerFigures producer = ProducerFigures.of(settings.topicPrefix() + WebhookIngestor.SERVICE);
                HttpLoad.Result bareAfter = measure(bare.port(), measured);
                HttpLoad.Result plainAfter = measure(plain.port(), measured);
                int expected = subjectWarm.messages() + measuredSubject.messages();
                boolean warmOk = plainWarm.allOk() && bareWarm.allOk() && subjectWarm.allOk();
                // Counted after the passes: a 200 means Kafka has the messages, and a consumer reading
                // during the passes would take the cores the ingestor is measured on.
                try (CommittedCounter counter = CommittedCounter.start(settings, sources)) {
                    counter.awaitCount(expected, Duration.ofSeconds(60));
                    counter.awaitQuiet(Duration.ofSeconds(2));
                    Baseline bareBaseline = new Baseline(BARE, bareBefore, bareAfter);
                    Baseline plainBaseline = new Baseline(PLAIN, plainBefore, plainAfter);
                    Passes passes = new Passes(
                            bareBaseline, plainBaseline, measuredSubject, kafkaWaitMillis, producer, expected, counter);
                    BenchReport report = report(passes, topics, warm, warmOk, measured);
                    report.print(out);
                    Path json = options.out().resolve("webhook.json");
                    report.writeJson(json);
                    out.println("wrote " + json);
                    boolean complete = warmOk
                            && bareBaseline.allOk()
                            && plainBaseline.allOk()
                            && measuredSubject.allOk()
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
        HttpLoad.Result b = p.bare().faster();
        HttpLoad.Result plain = p.plain().faster();
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
                                "switchboard bench webhook --requests %d --connections %d --batch %d%s",
                                requests,
                                connections,
                                batch,
                                kafkaProperties.entrySet().stream()
                                        .map(e -> " --kafka-property " + e.getKey() + "=" + e.getValue())
                                        .collect(Collectors.joining())))
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
                .compare(
                        "requests/s against the HTTP server alone",
                        s.requestsPerSecond(),
                        plain.requestsPerSecond(),
                        "req/s")
                .compare(
                        "p99 request latency against the HTTP server alone",
                        s.latencyMillis(99),
                        plain.latencyMillis(99),
                        "ms")
                .report("ingestor: mean wait for Kafka's acknowledgement", p.kafkaWaitMillis(), "ms", null, null)
                .report(
                        "ingestor's producer: produce request latency, mean",
                        p.producer().requestLatencyMillis(),
                        "ms",
                        null,
                        null)
                .report(
                        "ingestor's producer: records per produce request",
                        p.producer().recordsPerRequest(),
                        "records",
                        null,
                        null)
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
                                + " (blocking Apache HttpClient, one per connection); %d%% WhatsApp, the rest Messenger; mean"
                                + " body %.0f bytes; every request signed (X-Hub-Signature-256)",
                        requests,
                        batch,
                        connections,
                        Math.round(100.0 * whatsapp / measured.size()),
                        meanBody))
                .note("baseline: " + p.bare().note())
                .note("HTTP server alone: " + p.plain().note())
                .note(String.format(
                        Locale.ROOT,
                        "subject: WebhookIngestor with both app secrets (signatures checked), ingest-social's defaults"
                                + " (idempotent producer, acks=all, 200 only once Kafka acknowledged); answers: %s%s",
                        s.statuses(),
                        s.firstFailure().map(f -> "; first failure: " + f).orElse("")))
                .note(String.format(
                        Locale.ROOT,
                        "warm-up: %d unmeasured requests to each of the three servers first (%s)",
                        warm,
                        warmOk ? "all answered 200" : "NOT all answered 200"));
    }
}
