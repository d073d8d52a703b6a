package dev.switchboard.ingest.email;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a message is a delivery failure report (a bounce), and what failed.
 *
 * <p>Evidence, strongest first: an RFC 3464 {@code multipart/report; report-type=delivery-status}
 * (or a {@code message/delivery-status} part), an {@code X-Failed-Recipients} header, a sender
 * such as MAILER-DAEMON or postmaster, a bounce subject ("Undelivered Mail Returned to Sender",
 * "Delivery Status Notification (Failure)", "Undeliverable:", "failure notice", …). The failed
 * recipient, the enhanced status code (5.1.1) and the remote server's diagnostic come from the
 * report's per-recipient fields when there is one, otherwise from {@code X-Failed-Recipients},
 * the texts MTAs write (Postfix, Exim, qmail, Sendmail, Exchange) and the returned message's
 * {@code To}. Read receipts (report-type=disposition-notification) and abuse reports
 * (feedback-report) are not bounces.
 */
public final class BounceParser {
    private static final Pattern STATUS = Pattern.compile("(?<![\\d.])([245]\\.\\d{1,3}\\.\\d{1,3})(?![\\d.])");
    private static final Pattern SMTP_REPLY = Pattern.compile("(?<!\\d)([45][0-7]\\d)(?:[ -]|$)");
    private static final Pattern ADDRESS =
            Pattern.compile("[A-Za-z0-9._%+\\-=#!$&'*/?^`{|}~]+@[A-Za-z0-9](?:[A-Za-z0-9\\-.]*[A-Za-z0-9])?");
    private static final Pattern SYSTEM_SENDER = Pattern.compile(
            "^(mailer-daemon|postmaster|mail-delivery-subsystem|mailerdaemon|mail.delivery|mdaemon|bounce|bounces)(@|$)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SUBJECT = Pattern.compile(
            "(undeliver|undelivered mail|delivery status notification \\((failure|delay)\\)|mail delivery fail"
                    + "|delivery fail|failure notice|returned mail|returned to sender|non remis|unzustellbar"
                    + "|nicht zustellbar|mail system error|message not delivered|delivery has failed"
                    + "|could not be delivered|delivery notification|permanent error|rejected:|no se puede entregar"
                    + "|não entregue|non recapitabile|onbestelbaar|فشل التسليم|تعذر التسليم|لم يتم تسليم)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** A line that starts with an address: how Postfix, qmail, Exim, Exchange, OpenSMTPD and others list failures. */
    private static final Pattern FAILED_ADDRESS_LINE = Pattern.compile(
            "(?m)^\\s*[\"<]?([^\\s<>\"():,;]+@[^\\s<>\"():,;\\[\\]]*[A-Za-z0-9])[\">]?(?=[:\\s.,;(\\[]|$)");
    /** Other ways reports name the failed address, tried in order after a line of its own. */
    private static final List<Pattern> FAILED_ADDRESS_PHRASES = List.of(
            Pattern.compile("<([^\\s<>\"]+@[^\\s<>\"]+)>\\s*:"),
            Pattern.compile(
                    "(?i)(?:your (?:mail|message) to|delivery to|deliver(?:ed|ing)? (?:your (?:mail|message) )?to"
                            + "|following (?:address|recipient)(?:es|s|\\(es\\)|\\(s\\))?|recipient(?: address)?|RCPT TO)"
                            + "\\s*:?\\s*[\"<]?([^\\s<>\"():,;]+@[^\\s<>\"():,;\\[\\]]*[A-Za-z0-9])[\">]?(?=[:\\s.,;)]|$)"),
            Pattern.compile(
                    "(?im)^\\s*To:\\s*(?:[^<\\n]*<)?([^\\s<>\"():,;]+@[^\\s<>\"():,;\\[\\]]*[A-Za-z0-9])>?\\s*$"));

    private BounceParser() {}

    /** What failed, as far as the report says. */
    public record Bounce(
            Optional<String> failedRecipient,
            Optional<String> status,
            Optional<String> diagnostic,
            Optional<String> action,
            String evidence) {}

    public static Optional<Bounce> detect(ParsedEmail email) {
        MailHeaders h = email.headers();
        String contentType = h.lower("Content-Type").orElse("");
        if (contentType.contains("disposition-notification") || contentType.contains("feedback-report")) {
            return Optional.empty();
        }
        boolean dsnReport = contentType.contains("multipart/report") && contentType.contains("delivery-status");
        Optional<String> failedHeader = h.first("X-Failed-Recipients");
        String fromAddress = email.from().map(EmailAddress::address).orElse("");
        boolean systemSender = SYSTEM_SENDER.matcher(fromAddress).find()
                || email.from()
                        .flatMap(EmailAddress::displayName)
                        .map(n -> n.toLowerCase(Locale.ROOT).contains("mail delivery"))
                        .orElse(false);
        boolean bounceSubject =
                email.subject().map(s -> SUBJECT.matcher(s).find()).orElse(false);
        boolean nullSender =
                h.first("Return-Path").map(v -> v.replace(" ", "").equals("<>")).orElse(false);

        String evidence;
        if (dsnReport || email.deliveryStatus().isPresent()) {
            evidence = "delivery-status report";
        } else if (failedHeader.isPresent()) {
            evidence = "X-Failed-Recipients";
        } else if (systemSender
                && (bounceSubject || STATUS.matcher(email.text()).find() || nullSender)) {
            evidence = "sender " + fromAddress;
        } else if (bounceSubject
                && (nullSender || systemSender || STATUS.matcher(email.text()).find())) {
            evidence = "subject";
        } else if (bounceSubject
                && email.subject().get().toLowerCase(Locale.ROOT).startsWith("undeliver")) {
            evidence = "subject";
        } else {
            return Optional.empty();
        }

        Optional<Map<String, String>> recipient = email.deliveryStatus().flatMap(BounceParser::failedRecipientFields);
        Optional<String> failed = recipient
                .flatMap(r -> field(r, "final-recipient").or(() -> field(r, "original-recipient")))
                .flatMap(BounceParser::addressIn)
                .or(() -> failedHeader.flatMap(BounceParser::addressIn))
                .or(() -> addressFromText(email.text(), fromAddress))
                .or(() -> email.returnedHeaders()
                        .map(t -> MailHeaders.parse(t.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .flatMap(r -> r.first("To"))
                        .flatMap(BounceParser::addressIn));
        Optional<String> status = recipient
                .flatMap(r -> field(r, "status"))
                .flatMap(BounceParser::statusIn)
                .or(() -> statusIn(email.text()));
        Optional<String> diagnostic = recipient
                .flatMap(r -> field(r, "diagnostic-code"))
                .map(d -> d.contains(";") ? d.substring(d.indexOf(';') + 1).strip() : d.strip())
                .or(() -> diagnosticLine(email.text()));
        Optional<String> action = recipient.flatMap(r -> field(r, "action")).map(a -> a.toLowerCase(Locale.ROOT));
        return Optional.of(new Bounce(failed, status, diagnostic.map(BounceParser::shorten), action, evidence));
    }

    /** The per-recipient field group that failed (or the first one naming a recipient). */
    static Optional<Map<String, String>> failedRecipientFields(String deliveryStatus) {
        List<Map<String, String>> groups = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String last = null;
        for (String line : deliveryStatus.replace("\r", "").split("\n")) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    groups.add(current);
                    current = new LinkedHashMap<>();
                }
                last = null;
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                current.merge(last, " " + line.strip(), String::concat);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                last = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                current.putIfAbsent(last, line.substring(colon + 1).strip());
            }
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        List<Map<String, String>> recipients = groups.stream()
                .filter(g -> g.containsKey("final-recipient") || g.containsKey("original-recipient"))
                .toList();
        return recipients.stream()
                .filter(g -> field(g, "action")
                        .map(a -> a.toLowerCase(Locale.ROOT).startsWith("fail"))
                        .orElse(false))
                .findFirst()
                .or(() -> recipients.stream()
                        .filter(g ->
                                field(g, "status").map(s -> s.startsWith("5")).orElse(false))
                        .findFirst())
                .or(() -> recipients.stream().findFirst());
    }

    private static Optional<String> field(Map<String, String> group, String name) {
        return Optional.ofNullable(group.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static Optional<String> addressIn(String value) {
        String v = value.contains(";") ? value.substring(value.indexOf(';') + 1) : value;
        Matcher m = ADDRESS.matcher(v);
        return m.find() ? Optional.of(m.group().toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private static Optional<String> statusIn(String text) {
        Matcher m = STATUS.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** A failed address as MTAs print it: on a line of its own, or as "<addr>:" before the reason. */
    private static Optional<String> addressFromText(String text, String fromAddress) {
        List<Pattern> patterns = new ArrayList<>();
        patterns.add(FAILED_ADDRESS_LINE);
        patterns.addAll(FAILED_ADDRESS_PHRASES);
        for (Pattern p : patterns) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                String address = m.group(1).toLowerCase(Locale.ROOT);
                if (!address.equals(fromAddress)
                        && !SYSTEM_SENDER.matcher(address).find()
                        && ADDRESS.matcher(address).matches()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> diagnosticLine(String text) {
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.length() > 8
                    && (STATUS.matcher(l).find() || SMTP_REPLY.matcher(l).find())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 500 ? one.substring(0, 500) : one;
    }
}
