package dev.switchboard.ingest.email;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message as {@link MimeReader} understood it: decoded headers, threading ids, the readable
 * text of its body and its attachments' metadata.
 *
 * @param messageId Message-ID without angle brackets, when the message has one
 * @param text the whole readable text: the preferred body alternative, inline text parts and
 *     forwarded messages, with quoted HTML history marked by {@code "> "}
 * @param deliveryStatus the text of a {@code message/delivery-status} part (bounces)
 * @param returnedHeaders the headers of the message a report returns, as text
 * @param problems what was odd about the message (malformed header lines, broken multipart, …)
 */
public record ParsedEmail(
        MailHeaders headers,
        Optional<String> messageId,
        List<String> inReplyTo,
        List<String> references,
        Optional<String> subject,
        Optional<EmailAddress> from,
        List<EmailAddress> replyTo,
        Optional<Instant> date,
        String contentType,
        String text,
        boolean textTruncated,
        List<AttachmentInfo> attachments,
        boolean charsetFallback,
        Optional<String> deliveryStatus,
        Optional<String> returnedHeaders,
        List<String> problems) {}
