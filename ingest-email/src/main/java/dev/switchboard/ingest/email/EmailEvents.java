package dev.switchboard.ingest.email;

import dev.switchboard.events.Attachment;
import dev.switchboard.events.BounceInfo;
import dev.switchboard.events.Channel;
import dev.switchboard.events.CustomerIdentity;
import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.EmailThreading;
import dev.switchboard.events.InboundMessage;
import dev.switchboard.events.MessageFlags;
import dev.switchboard.events.MessageKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;

/**
 * Turns the raw bytes of one mailbox message into the event users rely on, or into a dead
 * letter that says why not. Pure: no IMAP, no Kafka; the ingestor feeds it and sends the result.
 *
 * <p>Identity: {@code sourceMessageId} is the Message-ID without brackets or, when a message
 * has none, {@code sha256-<hash>@switchboard.invalid} from its content, so a rescan produces the
 * same id. The conversation key is {@code email:<mailbox-id>:<thread root>}, the root being the
 * first References id, else the first In-Reply-To id, else the message's own id. The customer
 * is the From address (lower-cased) with its display name; Reply-To goes to metadata.
 */
public final class EmailEvents {
    public static final String SERVICE = "ingest-email";

    private final MimeReader reader;
    private final int deadLetterPayloadCap;

    public EmailEvents(int maxTextChars, int deadLetterPayloadCap) {
        this.reader = new MimeReader(maxTextChars);
        this.deadLetterPayloadCap = deadLetterPayloadCap;
    }

    /** An event or a dead letter, with the fingerprint that recognises the message in a rescan. */
    public sealed interface Conversion permits Accepted, Rejected {
        Fingerprint fingerprint();
    }

    public record Accepted(InboundMessage event, Fingerprint fingerprint) implements Conversion {}

    public record Rejected(DeadLetter deadLetter, Fingerprint fingerprint) implements Conversion {}

    public Conversion convert(byte[] raw, MessageContext ctx, Instant now) {
        Instant receivedAt = ctx.internalDate().orElse(now);
        MimeReader.Result result = reader.read(raw);
        if (result instanceof MimeReader.Unparseable u) {
            Fingerprint f = Fingerprint.of(receivedAt, contentHash(raw), Optional.empty());
            return new Rejected(deadLetter(DeadLetterReason.MALFORMED, u.detail(), raw, raw.length, ctx, now), f);
        }
        ParsedEmail email = ((MimeReader.Parsed) result).email();
        Fingerprint fingerprint = Fingerprint.of(receivedAt, contentHash(raw), email.messageId());
        if (email.from().isEmpty() && BounceParser.detect(email).isEmpty()) {
            // A bounce needs no sender (its subject is the failed recipient); anything else does.
            return new Rejected(
                    deadLetter(
                            DeadLetterReason.INVARIANT_VIOLATION,
                            "no sender address in From, Sender, Reply-To or Return-Path",
                            raw,
                            raw.length,
                            ctx,
                            now),
                    fingerprint);
        }
        try {
            return new Accepted(event(email, raw, ctx, receivedAt, now), fingerprint);
        } catch (AvroRuntimeException | NullPointerException | IllegalArgumentException e) {
            return new Rejected(
                    deadLetter(
                            DeadLetterReason.INVARIANT_VIOLATION,
                            "the event cannot be built: " + e.getMessage(),
                            raw,
                            raw.length,
                            ctx,
                            now),
                    fingerprint);
        }
    }

    /** A message over the size limit: only its first bytes were fetched. */
    public DeadLetter oversized(byte[] prefix, long size, long limit, MessageContext ctx, Instant now) {
        return deadLetter(
                DeadLetterReason.OVERSIZED,
                "message of " + size + " bytes is over max-message-size (" + limit + " bytes)",
                prefix,
                size,
                ctx,
                now);
    }

    /** A message the server failed to deliver again and again; there are no bytes to keep. */
    public DeadLetter unfetchable(Exception error, long size, MessageContext ctx, Instant now) {
        return deadLetter(
                DeadLetterReason.PROCESSING_ERROR,
                "the IMAP server failed repeatedly to deliver the message: " + error,
                new byte[0],
                Math.max(0, size),
                ctx,
                now);
    }

    /** A message the service failed on for a reason of its own (a bug, not the input). */
    public DeadLetter processingError(byte[] raw, Throwable error, MessageContext ctx, Instant now) {
        return deadLetter(DeadLetterReason.PROCESSING_ERROR, error.toString(), raw, raw.length, ctx, now);
    }

    private InboundMessage event(ParsedEmail email, byte[] raw, MessageContext ctx, Instant receivedAt, Instant now) {
        String messageId = email.messageId().orElseGet(() -> syntheticId(raw));
        String root = email.references().stream()
                .findFirst()
                .or(() -> email.inReplyTo().stream().findFirst())
                .orElse(messageId);
        AutoReplyDetector.Verdict auto = AutoReplyDetector.detect(email.headers(), email.subject());
        Optional<BounceParser.Bounce> bounce = BounceParser.detect(email);

        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("imap.uid", Long.toString(ctx.uid()));
        metadata.put("imap.uidValidity", Long.toString(ctx.uidValidity()));
        metadata.put("imap.folder", ctx.folder());
        email.headers().first("Date").ifPresent(d -> metadata.put("date", d));
        if (!email.replyTo().isEmpty()) {
            metadata.put(
                    "reply-to",
                    String.join(
                            ", ",
                            email.replyTo().stream().map(EmailAddress::toString).toList()));
        }
        auto.listId().ifPresent(l -> metadata.put("list-id", l));
        auto.reason().ifPresent(r -> metadata.put("auto-reply.reason", r));
        bounce.ifPresent(b -> {
            metadata.put("bounce.evidence", b.evidence());
            b.action().ifPresent(a -> metadata.put("bounce.action", a));
        });
        if (email.messageId().isEmpty()) {
            metadata.put("message-id.synthetic", "true");
        }
        if (!email.problems().isEmpty()) {
            metadata.put("mime.problems", String.join("; ", email.problems()));
        }

        String fullText = email.text();
        return InboundMessage.newBuilder()
                .setSourceMessageId(messageId)
                .setSourceId(ctx.mailboxId())
                .setChannel(Channel.EMAIL)
                .setKind(MessageKind.CUSTOMER_MESSAGE)
                .setConversationKey(conversationKey(ctx.mailboxId(), root))
                .setCustomer(CustomerIdentity.newBuilder()
                        .setAddress(email.from().map(EmailAddress::address).orElse(null))
                        .setDisplayName(
                                email.from().flatMap(EmailAddress::displayName).orElse(null))
                        .build())
                .setSubject(email.subject().orElse(null))
                .setBodyText(QuoteStripper.strip(fullText))
                .setFullText(fullText)
                .setLanguage(email.headers()
                        .first("Content-Language")
                        .map(l -> l.split(",")[0].strip())
                        .filter(l -> l.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*"))
                        .orElse(null))
                .setAttachments(email.attachments().stream()
                        .map(a -> Attachment.newBuilder()
                                .setName(a.name())
                                .setMediaType(a.mediaType())
                                .setSize(a.size())
                                .setSha256(a.sha256())
                                .build())
                        .toList())
                .setReceivedAt(receivedAt)
                .setIngestedAt(now)
                .setFlags(MessageFlags.newBuilder()
                        .setAutoReply(auto.autoReply() && bounce.isEmpty())
                        .setBounce(bounce.isPresent())
                        .setMailingList(auto.mailingList())
                        .setCharsetFallback(email.charsetFallback())
                        .setTruncated(email.textTruncated())
                        .build())
                .setBounce(bounce.map(b -> BounceInfo.newBuilder()
                                .setFailedRecipient(b.failedRecipient().orElse(null))
                                .setStatus(b.status().orElse(null))
                                .setDiagnostic(b.diagnostic().orElse(null))
                                .build())
                        .orElse(null))
                .setThreading(EmailThreading.newBuilder()
                        .setMessageId(messageId)
                        .setInReplyTo(email.inReplyTo())
                        .setReferences(email.references())
                        .build())
                .setMetadata(metadata)
                .build();
    }

    public static String conversationKey(String mailboxId, String threadRoot) {
        return "email:" + mailboxId + ":" + threadRoot;
    }

    /** A stable id for a message without Message-ID: the same bytes always give the same id. */
    public static String syntheticId(byte[] raw) {
        return "sha256-" + contentHash(raw).substring(0, 32) + "@switchboard.invalid";
    }

    /**
     * A hash of what makes a message itself: its body and its From, To, Date, Subject and
     * Message-ID headers. Headers that servers add on the way (Received, X-…) are left out, so
     * the same message stored again, or on another server, hashes the same.
     */
    public static String contentHash(byte[] raw) {
        MailHeaders headers = MailHeaders.parse(raw);
        StringBuilder key = new StringBuilder();
        for (String name : List.of("From", "To", "Date", "Subject", "Message-ID")) {
            key.append(name).append(':').append(headers.first(name).orElse("")).append('\n');
        }
        int bodyOffset = Math.min(headers.bodyOffset(), raw.length);
        MessageDigest sha256 = MimeReader.sha256Digest();
        sha256.update(key.toString().getBytes(StandardCharsets.UTF_8));
        sha256.update(raw, bodyOffset, raw.length - bodyOffset);
        return HexFormat.of().formatHex(sha256.digest());
    }

    private DeadLetter deadLetter(
            DeadLetterReason reason, String detail, byte[] raw, long originalSize, MessageContext ctx, Instant now) {
        int kept = (int) Math.min(raw.length, deadLetterPayloadCap);
        Map<String, String> context = new LinkedHashMap<>();
        context.put("uid", Long.toString(ctx.uid()));
        context.put("uidValidity", Long.toString(ctx.uidValidity()));
        context.put("folder", ctx.folder());
        ctx.internalDate().ifPresent(d -> context.put("internalDate", d.toString()));
        return DeadLetter.newBuilder()
                .setService(SERVICE)
                .setSourceId(ctx.mailboxId())
                .setReason(reason)
                .setDetail(detail)
                .setPayload(ByteBuffer.wrap(Arrays.copyOf(raw, kept)))
                .setOriginalSize(originalSize)
                .setTruncated(kept < originalSize)
                .setOccurredAt(now)
                .setContext(context)
                .build();
    }
}
