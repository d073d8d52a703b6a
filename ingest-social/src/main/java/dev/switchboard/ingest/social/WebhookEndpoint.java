package dev.switchboard.ingest.social;

import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.http.SwitchboardSignature;
import dev.switchboard.http.WebServer;
import dev.switchboard.ingest.social.RecordPublisher.Outgoing;
import dev.switchboard.schemas.Topics;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One platform's webhook endpoint: the POST that carries events and the GET of its subscription
 * handshake.
 *
 * <p>A POST is checked in this order: body size (413, by the server), signature over the raw
 * bytes (401), then parsed; its events and, for anything unreadable, one dead letter with the raw
 * body go to Kafka. The answer is 200 only once Kafka acknowledged every record, 503 when it did not
 * within the ack timeout (the platform retries). A correctly signed body that cannot be read is
 * still 200, so the platform does not retry it forever: the dead letter keeps it.
 */
final class WebhookEndpoint {
    /** Dead letters keep at most this much of a body: Kafka's default record limit is 1 MB. */
    static final int DEAD_LETTER_PAYLOAD_CAP = 512 * 1024;

    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);
    private static final String RETRY_AFTER_SECONDS = "5";
    private static final int MAX_PROBLEMS_SHOWN = 10;

    private final Platform platform;
    private final Credentials credentials;
    private final WebhookSignature signature;
    private final WebhookParser parser;
    private final RecordPublisher publisher;
    private final Topics topics;
    private final IngestMetrics metrics;
    private final Clock clock;

    WebhookEndpoint(
            Platform platform,
            Credentials credentials,
            WebhookParser parser,
            RecordPublisher publisher,
            Topics topics,
            IngestMetrics metrics,
            Clock clock) {
        this.platform = platform;
        this.credentials = credentials;
        this.signature = platform.signature(credentials.signingSecret());
        this.parser = parser;
        this.publisher = publisher;
        this.topics = topics;
        this.metrics = metrics;
        this.clock = clock;
    }

    void receive(Context ctx) {
        String requestId = UUID.randomUUID().toString();
        ctx.header("X-Request-Id", requestId);
        byte[] body = ctx.bodyAsBytes();
        SwitchboardSignature.Verdict verdict = signature.verify(ctx.header(signature.header()), body, clock.instant());
        if (verdict != SwitchboardSignature.Verdict.VALID) {
            metrics.signatureRejected(platform, verdict);
            metrics.request(platform, "unauthorized");
            // Never the body: whoever forged it may have put anything in it.
            log.warn(
                    "{}: refused request {} from {} ({} bytes): {} {} signature",
                    platform.id(),
                    requestId,
                    ctx.ip(),
                    body.length,
                    verdict.name().toLowerCase(),
                    signature.header());
            WebServer.error(ctx, 401, "missing or invalid " + signature.header() + " signature");
            return;
        }
        Prepared prepared = prepare(body, clock.instant(), requestId, ctx);
        ParsedWebhook parsed = prepared.parsed();
        List<Outgoing> records = prepared.records();
        RecordPublisher.Result result = metrics.kafkaWait().record(() -> publisher.publish(records));
        if (result instanceof RecordPublisher.Result.Failed failed) {
            metrics.request(platform, "unavailable");
            log.warn(
                    "{}: Kafka acknowledged {} of {} records of request {} ({}); answered 503 so the platform retries",
                    platform.id(),
                    failed.acknowledged(),
                    failed.total(),
                    requestId,
                    failed.reason());
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            WebServer.error(ctx, 503, "the events could not be stored in time; retry later");
            return;
        }
        metrics.request(platform, "accepted");
        parsed.messages().forEach(m -> metrics.event(platform, m));
        parsed.ignored().forEach(type -> metrics.ignored(platform, type));
        if (!parsed.problems().isEmpty()) {
            metrics.deadLetter(platform, parsed.problems().get(0).reason());
            log.warn(
                    "{}: request {} ({} bytes) had unreadable parts, kept as a dead letter: {}",
                    platform.id(),
                    requestId,
                    body.length,
                    detail(parsed));
        }
        log.debug(
                "{}: request {} stored {} events",
                platform.id(),
                requestId,
                parsed.messages().size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "accepted");
        answer.put("events", parsed.messages().size());
        answer.put("deadLetters", parsed.problems().isEmpty() ? 0 : 1);
        answer.put("ignored", parsed.ignored().size());
        WebServer.json(ctx, 200, answer);
    }

    /** Meta's and WhatsApp's {@code hub.challenge} handshake. */
    void verifySubscription(Context ctx) {
        Optional<String> challenge = Handshakes.metaChallenge(
                ctx.queryParam("hub.mode"),
                ctx.queryParam("hub.verify_token"),
                ctx.queryParam("hub.challenge"),
                credentials.verifyToken().orElseThrow());
        metrics.handshake(platform, challenge.isPresent());
        if (challenge.isEmpty()) {
            log.warn(
                    "{}: refused a subscription handshake from {} (wrong verify token or mode)",
                    platform.id(),
                    ctx.ip());
            WebServer.error(ctx, 403, "hub.mode must be subscribe and hub.verify_token must match");
            return;
        }
        log.info("{}: subscription handshake verified", platform.id());
        ctx.status(200).contentType("text/plain; charset=utf-8").result(challenge.get());
    }

    /** X's challenge-response check. */
    void answerCrc(Context ctx) {
        String token = ctx.queryParam("crc_token");
        if (token == null || token.isEmpty()) {
            metrics.handshake(platform, false);
            WebServer.error(ctx, 400, "crc_token is required");
            return;
        }
        metrics.handshake(platform, true);
        log.debug("x: answered a CRC check");
        WebServer.json(
                ctx, 200, Map.of("response_token", Handshakes.crcResponseToken(credentials.signingSecret(), token)));
    }

    /** A parsed body and the records it becomes. */
    private record Prepared(ParsedWebhook parsed, List<Outgoing> records) {}

    private Prepared prepare(byte[] body, Instant now, String requestId, Context ctx) {
        ParsedWebhook parsed = parse(body, now, requestId);
        try {
            return new Prepared(parsed, records(parsed, body, now, requestId, ctx));
        } catch (RuntimeException e) {
            // An event our schema refuses is our bug; the raw body is still kept, as a dead letter.
            log.error(
                    "{}: could not encode the events of request {}; kept as a dead letter",
                    platform.id(),
                    requestId,
                    e);
            ParsedWebhook unreadable = ParsedWebhook.unreadable(
                    DeadLetterReason.PROCESSING_ERROR,
                    "internal error while encoding: " + e.getClass().getName());
            return new Prepared(unreadable, records(unreadable, body, now, requestId, ctx));
        }
    }

    private ParsedWebhook parse(byte[] body, Instant now, String requestId) {
        try {
            return parser.parse(body, now);
        } catch (RuntimeException e) {
            // A bug of ours, not the platform's: keep the body rather than fail the platform's delivery.
            log.error("{}: could not read request {}; kept as a dead letter", platform.id(), requestId, e);
            return ParsedWebhook.unreadable(
                    DeadLetterReason.PROCESSING_ERROR,
                    "internal error while reading: " + e.getClass().getName());
        }
    }

    private List<Outgoing> records(ParsedWebhook parsed, byte[] body, Instant now, String requestId, Context ctx) {
        List<Outgoing> records = new ArrayList<>();
        for (InboundMessage message : parsed.messages()) {
            records.add(Outgoing.of(topics.inboundMessages(), message.getConversationKey(), message));
        }
        if (!parsed.problems().isEmpty()) {
            records.add(Outgoing.of(topics.deadLetter(), platform.id(), deadLetter(parsed, body, now, requestId, ctx)));
        }
        return records;
    }

    private DeadLetter deadLetter(ParsedWebhook parsed, byte[] body, Instant now, String requestId, Context ctx) {
        boolean truncated = body.length > DEAD_LETTER_PAYLOAD_CAP;
        byte[] payload = truncated ? Arrays.copyOf(body, DEAD_LETTER_PAYLOAD_CAP) : body;
        Map<String, String> context = new LinkedHashMap<>();
        context.put("request-id", requestId);
        context.put("path", platform.path());
        context.put("problems", Integer.toString(parsed.problems().size()));
        context.put("events", Integer.toString(parsed.messages().size()));
        Optional.ofNullable(ctx.contentType()).ifPresent(type -> context.put("content-type", type));
        return DeadLetter.newBuilder()
                .setService(WebhookIngestor.SERVICE)
                .setSourceId(platform.id())
                .setReason(parsed.problems().get(0).reason())
                .setDetail(detail(parsed))
                .setPayload(ByteBuffer.wrap(payload))
                .setOriginalSize(body.length)
                .setTruncated(truncated)
                .setOccurredAt(now)
                .setContext(context)
                .build();
    }

    private static String detail(ParsedWebhook parsed) {
        List<ParsedWebhook.Problem> problems = parsed.problems();
        String shown = problems.stream()
                .limit(MAX_PROBLEMS_SHOWN)
                .map(ParsedWebhook.Problem::detail)
                .collect(Collectors.joining("; "));
        return problems.size() > MAX_PROBLEMS_SHOWN
                ? shown + "; and " + (problems.size() - MAX_PROBLEMS_SHOWN) + " more"
                : shown;
    }
}
