package dev.switchboard.ingest.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a raw RFC 5322 message into a {@link ParsedEmail}: headers decoded (RFC 2047, RFC 2231,
 * raw UTF-8), every transfer encoding, the charsets real customers send with a flagged fallback,
 * text/plain preferred over HTML, HTML-only mail as readable text, nested multiparts, forwarded
 * {@code message/rfc822} parts and delivery reports.
 *
 * <p>It never throws on bad input: a message it cannot read at all is an {@link Unparseable}
 * with the reason, for the dead-letter topic. Angus Mail parses the MIME structure; transfer
 * and charset decoding are done here so that no JVM-wide {@code mail.mime.*} system property
 * is needed for leniency.
 */
public final class MimeReader {
    /** Nesting deeper than this is treated as an attachment (a guard against hostile nesting). */
    static final int MAX_DEPTH = 12;

    private static final Pattern BARE_ADDRESS = Pattern.compile("[^\\s<>\"(),;:]+@[^\\s<>\"(),;:]+");
    private static final Pattern LOCAL_ONLY = Pattern.compile(
            "(?i)(?:^|<|\\s)(mailer-daemon|postmaster|mail-delivery-subsystem|[a-z0-9._-]+)\\s*>?\\s*$");
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    private static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";
    private static final Session SESSION = session();

    private final int maxTextChars;

    public MimeReader(int maxTextChars) {
        this.maxTextChars = maxTextChars;
    }

    /** The outcome of reading a message. */
    public sealed interface Result permits Parsed, Unparseable {}

    public record Parsed(ParsedEmail email) implements Result {}

    /** The message cannot be read; {@code detail} says why. */
    public record Unparseable(String detail) implements Result {}

    private static Session session() {
        useAngusStreamProvider();
        Properties p = new Properties();
        // Headers in raw UTF-8 (RFC 6532) are common; MailHeaders decodes them with a fallback anyway.
        p.setProperty("mail.mime.allowutf8", "true");
        return Session.getInstance(p);
    }

    /**
     * Jakarta Mail looks up its stream provider for every header block, part and decoder it
     * makes; without this property each lookup runs a ServiceLoader over the class path, which
     * was half of the MIME parsing time in {@code bench email}. JVM-wide, so a value someone set
     * is kept, and it is set only when Angus Mail's provider is there.
     */
    private static void useAngusStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER) != null) {
            return;
        }
        try {
            Class.forName(ANGUS_STREAM_PROVIDER, false, MimeReader.class.getClassLoader());
            System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
        } catch (ClassNotFoundException e) {
            // Another Jakarta Mail implementation: leave its own lookup alone.
        }
    }

    public Result read(byte[] raw) {
        try {
            return readOrThrow(raw, 0);
        } catch (MessagingException | IOException | RuntimeException | StackOverflowError e) {
            return new Unparseable("cannot read the MIME structure: " + e);
        }
    }

    private Result readOrThrow(byte[] raw, int depth) throws MessagingException, IOException {
        if (raw.length == 0) {
            return new Unparseable("the message is empty");
        }
        MailHeaders headers = MailHeaders.parse(raw);
        if (headers.fields().isEmpty()) {
            return new Unparseable("no header fields in the header section");
        }
        byte[] structure = raw;
        if (headers.endedEarly()) {
            // Give Angus the blank line the sender forgot, where MTAs would have put it.
            int at = headers.bodyOffset();
            structure = new byte[raw.length + 2];
            System.arraycopy(raw, 0, structure, 0, at);
            structure[at] = '\r';
            structure[at + 1] = '\n';
            System.arraycopy(raw, at, structure, at + 2, raw.length - at);
        }
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(structure));
        Acc acc = new Acc();
        acc.fallback |= headers.charsetFallback();
        if (headers.malformedLines() > 0) {
            acc.problems.add(headers.malformedLines() + " header line(s) that are not header fields");
        }
        walk(message, depth, acc);

        EncodedWords.Result subject =
                EncodedWords.decode(headers.first("Subject").orElse(""));
        acc.fallback |= subject.fallback();
        Optional<EmailAddress> from = firstAddress(headers, "From", acc)
                .or(() -> firstAddress(headers, "Sender", acc))
                .or(() -> firstAddress(headers, "Reply-To", acc))
                .or(() -> firstAddress(headers, "Return-Path", acc));
        List<EmailAddress> replyTo = addresses(headers.first("Reply-To").orElse(""), acc);

        String text = acc.text.toString().strip();
        boolean truncated = false;
        if (text.length() > maxTextChars) {
            text = text.substring(0, maxTextChars);
            truncated = true;
        }
        return new Parsed(new ParsedEmail(
                headers,
                MessageIds.first(headers.first("Message-ID").orElse("")),
                MessageIds.parse(headers.first("In-Reply-To").orElse("")),
                MessageIds.parse(String.join(" ", headers.all("References"))),
                Optional.of(collapse(subject.text())).filter(s -> !s.isEmpty()),
                from,
                replyTo,
                headers.first("Date").flatMap(MimeReader::date),
                baseType(message),
                text,
                truncated,
                List.copyOf(acc.attachments),
                acc.fallback,
                acc.deliveryStatus,
                acc.returnedHeaders,
                List.copyOf(acc.problems)));
    }

    /** What a walk over the parts collects. */
    private static final class Acc {
        final StringBuilder text = new StringBuilder();
        final List<AttachmentInfo> attachments = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        boolean fallback;
        boolean sawPlain;
        boolean sawHtml;
        Optional<String> deliveryStatus = Optional.empty();
        Optional<String> returnedHeaders = Optional.empty();

        void appendText(String t) {
            String s = t.strip();
            if (s.isEmpty()) {
                return;
            }
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(s);
        }

        void merge(Acc other) {
            appendText(other.text.toString());
            attachments.addAll(other.attachments);
            problems.addAll(other.problems);
            fallback |= other.fallback;
            sawPlain |= other.sawPlain;
            sawHtml |= other.sawHtml;
            if (deliveryStatus.isEmpty()) {
                deliveryStatus = other.deliveryStatus;
            }
            if (returnedHeaders.isEmpty()) {
                returnedHeaders = other.returnedHeaders;
            }
        }
    }

    private void walk(Part part, int depth, Acc acc) throws MessagingException, IOException {
        ContentType type = contentType(part, acc);
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        boolean attachment = isAttachment(part, base);
        if (depth > MAX_DEPTH) {
            acc.problems.add("parts nested deeper than " + MAX_DEPTH + " levels kept as attachments");
            attachment(part, base, acc);
            return;
        }
        if (base.startsWith("multipart/")) {
            multipart(part, type, base, depth, acc);
        } else if ((base.equals("message/rfc822") || base.equals("message/global"))) {
            forwarded(part, depth, acc);
        } else if (base.equals("message/delivery-status") || base.equals("message/global-delivery-status")) {
            acc.deliveryStatus = Optional.of(text(part, type, acc));
        } else if (base.equals("text/rfc822-headers") || base.equals("message/global-headers")) {
            acc.returnedHeaders = Optional.of(text(part, type, acc));
        } else if (base.startsWith("text/") && !attachment) {
            String text = text(part, type, acc);
            if (base.equals("text/html")) {
                acc.sawHtml = true;
                acc.appendText(HtmlText.toText(text));
            } else {
                acc.sawPlain = true;
                acc.appendText(isFlowed(type) ? Flowed.unflow(text, delSp(type)) : text);
            }
        } else {
            attachment(part, base, acc);
        }
    }

    private void multipart(Part part, ContentType type, String base, int depth, Acc acc)
            throws MessagingException, IOException {
        MimeMultipart multipart;
        try {
            multipart = new MimeMultipart(new ByteArrayDataSource(decodedBytes(part), type.toString()));
            multipart.getCount(); // parses now, so a broken structure is caught here
        } catch (MessagingException | RuntimeException e) {
            acc.problems.add("broken " + base + " (" + e.getMessage() + "); its body was read as text");
            acc.sawPlain = true;
            acc.appendText(
                    TextDecoder.decode(decodedBytes(part), Optional.empty()).text());
            return;
        }
        if (base.equals("multipart/alternative")) {
            alternative(multipart, depth, acc);
            return;
        }
        boolean report = base.equals("multipart/report");
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart child = multipart.getBodyPart(i);
            String childBase = contentType(child, acc).getBaseType().toLowerCase(Locale.ROOT);
            if (report && (childBase.equals("message/rfc822") || childBase.equals("message/global"))) {
                // The returned original: its headers matter to a bounce, its text is ours, not the customer's.
                returned(child, acc);
                continue;
            }
            walk(child, depth + 1, acc);
        }
    }

    /** Prefers text/plain; HTML when that is all there is; the richest part otherwise. */
    private void alternative(MimeMultipart multipart, int depth, Acc acc) throws MessagingException, IOException {
        List<Acc> options = new ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            Acc option = new Acc();
            walk(multipart.getBodyPart(i), depth + 1, option);
            options.add(option);
        }
        Acc chosen = options.stream()
                .filter(o -> o.sawPlain && !o.text.toString().isBlank())
                .findFirst()
                .or(() -> options.stream()
                        .filter(o -> !o.text.toString().isBlank())
                        .findFirst())
                .orElse(options.isEmpty() ? new Acc() : options.get(options.size() - 1));
        acc.merge(chosen);
        for (Acc option : options) {
            if (option != chosen) {
                // Inline images of the HTML alternative are still parts of the message.
                acc.attachments.addAll(option.attachments);
            }
        }
    }

    private void forwarded(Part part, int depth, Acc acc) throws MessagingException, IOException {
        byte[] bytes = decodedBytes(part);
        acc.attachments.add(info(part, "message/rfc822", bytes));
        Result nested = readOrThrow(bytes, depth + 1);
        if (nested instanceof Parsed p) {
            ParsedEmail e = p.email();
            StringBuilder b = new StringBuilder("---------- Forwarded message ----------\n");
            e.from().ifPresent(f -> b.append("From: ").append(f).append('\n'));
            e.headers()
                    .first("Date")
                    .ifPresent(d -> b.append("Date: ").append(d).append('\n'));
            e.subject().ifPresent(s -> b.append("Subject: ").append(s).append('\n'));
            b.append('\n').append(e.text());
            acc.appendText(b.toString());
            acc.attachments.addAll(e.attachments());
            acc.problems.addAll(e.problems());
            acc.fallback |= e.charsetFallback();
        } else {
            acc.problems.add("a forwarded message could not be read");
        }
    }

    private void returned(Part part, Acc acc) throws MessagingException, IOException {
        byte[] bytes = decodedBytes(part);
        acc.attachments.add(info(part, "message/rfc822", bytes));
        MailHeaders h = MailHeaders.parse(bytes);
        StringBuilder b = new StringBuilder();
        h.fields()
                .forEach(f -> b.append(f.name()).append(": ").append(f.value()).append('\n'));
        if (acc.returnedHeaders.isEmpty()) {
            acc.returnedHeaders = Optional.of(b.toString());
        }
    }

    private void attachment(Part part, String base, Acc acc) throws MessagingException, IOException {
        acc.attachments.add(info(part, base, decodedBytes(part)));
    }

    private static AttachmentInfo info(Part part, String base, byte[] bytes) {
        return new AttachmentInfo(fileName(part).orElse(""), base, bytes.length, sha256(bytes));
    }

    private static String text(Part part, ContentType type, Acc acc) throws MessagingException, IOException {
        TextDecoder.Decoded d = TextDecoder.decode(decodedBytes(part), Optional.ofNullable(parameter(type, "charset")));
        acc.fallback |= d.fallback();
        return d.text().replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The part's body with its transfer encoding undone, leniently. */
    static byte[] decodedBytes(Part part) throws MessagingException, IOException {
        byte[] raw;
        String encoding;
        if (part instanceof MimeBodyPart b) {
            raw = readAll(b.getRawInputStream());
            encoding = b.getEncoding();
        } else if (part instanceof MimeMessage m) {
            raw = readAll(m.getRawInputStream());
            encoding = m.getEncoding();
        } else {
            return readAll(part.getInputStream());
        }
        return TransferDecoding.decode(raw, encoding);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static ContentType contentType(Part part, Acc acc) {
        String value;
        try {
            value = part.getContentType();
        } catch (MessagingException e) {
            value = null;
        }
        if (value == null || value.isBlank()) {
            return new ContentType("text", "plain", null);
        }
        try {
            return new ContentType(value);
        } catch (jakarta.mail.internet.ParseException e) {
            // Keep the media type when only the parameters are broken.
            Matcher m = Pattern.compile("^\\s*([\\w.+-]+)/([\\w.+-]+)").matcher(value);
            acc.problems.add("malformed Content-Type '" + value + "'");
            ContentType ct =
                    m.find() ? new ContentType(m.group(1), m.group(2), null) : new ContentType("text", "plain", null);
            Matcher cs = Pattern.compile("charset\\s*=\\s*\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE)
                    .matcher(value);
            if (cs.find()) {
                ct.setParameter("charset", cs.group(1));
            }
            Matcher boundary = Pattern.compile("boundary\\s*=\\s*\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE)
                    .matcher(value);
            if (boundary.find()) {
                ct.setParameter("boundary", boundary.group(1).strip());
            }
            return ct;
        }
    }

    private static String parameter(ContentType type, String name) {
        try {
            return type.getParameter(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isFlowed(ContentType type) {
        return "flowed".equalsIgnoreCase(parameter(type, "format"));
    }

    private static boolean delSp(ContentType type) {
        return "yes".equalsIgnoreCase(parameter(type, "delsp"));
    }

    private static boolean isAttachment(Part part, String base) {
        Optional<String> disposition = disposition(part);
        if (disposition.filter("attachment"::equalsIgnoreCase).isPresent()) {
            return true;
        }
        // A named text part without an inline disposition is a file (a .txt or .csv), not the body.
        return base.startsWith("text/")
                && disposition.isEmpty()
                && fileName(part).isPresent();
    }

    private static Optional<String> disposition(Part part) {
        try {
            String[] values = part.getHeader("Content-Disposition");
            if (values == null || values.length == 0) {
                return Optional.empty();
            }
            String v = values[0].strip();
            int semi = v.indexOf(';');
            return Optional.of((semi >= 0 ? v.substring(0, semi) : v).strip()).filter(s -> !s.isEmpty());
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    /** The decoded file name: RFC 2231 parameters (by Angus), RFC 2047 words (often used there anyway). */
    static Optional<String> fileName(Part part) {
        String name = null;
        try {
            name = part.getFileName();
        } catch (MessagingException | RuntimeException e) {
            name = null;
        }
        if (name == null) {
            name = rawParameter(part, "Content-Disposition", "filename")
                    .or(() -> rawParameter(part, "Content-Type", "name"))
                    .orElse(null);
        }
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String decoded = EncodedWords.decode(name).text().strip();
        // Keep the name only: a path in a file name is never meaningful here.
        decoded = decoded.substring(Math.max(decoded.lastIndexOf('/'), decoded.lastIndexOf('\\')) + 1);
        return Optional.of(decoded).filter(s -> !s.isEmpty());
    }

    private static Optional<String> rawParameter(Part part, String header, String parameter) {
        try {
            String[] values = part.getHeader(header);
            if (values == null || values.length == 0) {
                return Optional.empty();
            }
            Matcher m = Pattern.compile(
                            "(?:^|;)\\s*" + parameter + "\\s*=\\s*(\"([^\"]*)\"|[^;]+)", Pattern.CASE_INSENSITIVE)
                    .matcher(values[0]);
            if (m.find()) {
                return Optional.of(m.group(2) != null ? m.group(2) : m.group(1).strip());
            }
            try {
                String v = new ContentDisposition(values[0]).getParameter(parameter);
                return Optional.ofNullable(v);
            } catch (jakarta.mail.internet.ParseException e) {
                return Optional.empty();
            }
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    private static String baseType(MimeMessage message) {
        try {
            String ct = message.getContentType();
            return ct == null ? "text/plain" : new ContentType(ct).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "text/plain";
        }
    }

    private static Optional<EmailAddress> firstAddress(MailHeaders headers, String name, Acc acc) {
        Optional<String> raw = headers.first(name).filter(v -> !v.isBlank());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return addresses(raw.get(), acc).stream().findFirst();
    }

    /** Addresses in a header value; lenient: a bare address anywhere in a broken value still counts. */
    static List<EmailAddress> addresses(String raw, Acc acc) {
        if (raw.isBlank()) {
            return List.of();
        }
        List<EmailAddress> out = new ArrayList<>();
        try {
            for (InternetAddress a : InternetAddress.parseHeader(raw, false)) {
                String address = a.getAddress();
                if (address == null || !BARE_ADDRESS.matcher(address).matches()) {
                    continue;
                }
                out.add(new EmailAddress(address, displayName(raw, a, acc)));
            }
        } catch (AddressException | RuntimeException e) {
            out.clear();
        }
        if (out.isEmpty()) {
            Matcher m = BARE_ADDRESS.matcher(raw);
            if (m.find()) {
                String before = raw.substring(0, m.start()).replace("<", "").strip();
                EncodedWords.Result name = EncodedWords.decode(unquote(before));
                out.add(new EmailAddress(m.group(), Optional.of(name.text())));
            }
        }
        if (out.isEmpty()) {
            // "MAILER-DAEMON", "Mail Delivery Subsystem <MAILER-DAEMON>", "postmaster <>": a local-only sender.
            Matcher local = LOCAL_ONLY.matcher(raw.replace("<>", " "));
            if (local.find()) {
                out.add(new EmailAddress(local.group(1), Optional.empty()));
            }
        }
        return out;
    }

    /**
     * The display name, decoded from the raw header when it stands before {@code <address>}:
     * Angus decodes encoded words one by one, which breaks characters split across words.
     */
    private static Optional<String> displayName(String raw, InternetAddress a, Acc acc) {
        int bracket = raw.indexOf("<" + a.getAddress());
        if (bracket > 0) {
            String before = raw.substring(entryStart(raw, bracket), bracket).strip();
            if (!before.isEmpty()) {
                EncodedWords.Result r = EncodedWords.decode(unquote(before));
                acc.fallback |= r.fallback();
                return Optional.of(collapse(r.text()));
            }
        }
        String personal = a.getPersonal();
        if (personal == null) {
            return Optional.empty();
        }
        EncodedWords.Result r = EncodedWords.decode(personal);
        acc.fallback |= r.fallback();
        return Optional.of(collapse(r.text()));
    }

    /** Where the address list entry that contains {@code pos} begins: after the last comma outside quotes. */
    private static int entryStart(String raw, int pos) {
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < pos; i++) {
            char c = raw.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                start = i + 1;
            }
        }
        return start;
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return t;
    }

    private static String collapse(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ").replaceAll(" {2,}", " ").strip();
    }

    static Optional<Instant> date(String value) {
        try {
            Date d = new MailDateFormat().parse(value.strip());
            return Optional.ofNullable(d).map(Date::toInstant);
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Undoes Content-Transfer-Encoding without ever failing: unknown encodings pass through. */
    static final class TransferDecoding {
        private TransferDecoding() {}

        static byte[] decode(byte[] raw, String encoding) {
            String enc = encoding == null ? "7bit" : encoding.strip().toLowerCase(Locale.ROOT);
            return switch (enc) {
                case "base64" -> EncodedWords.base64(raw);
                case "quoted-printable" -> quotedPrintable(raw);
                case "uuencode", "x-uuencode", "x-uue" -> uudecode(raw);
                default -> raw;
            };
        }

        static byte[] quotedPrintable(byte[] raw) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
            for (int i = 0; i < raw.length; i++) {
                byte b = raw[i];
                if (b != '=') {
                    out.write(b);
                    continue;
                }
                // Soft line break: '=' then optional trailing whitespace then CRLF, LF or CR.
                int j = i + 1;
                while (j < raw.length && (raw[j] == ' ' || raw[j] == '\t')) {
                    j++;
                }
                if (j < raw.length && (raw[j] == '\r' || raw[j] == '\n')) {
                    i = (raw[j] == '\r' && j + 1 < raw.length && raw[j + 1] == '\n') ? j + 1 : j;
                    continue;
                }
                if (j >= raw.length) {
                    break;
                }
                if (i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                    out.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
                    i += 2;
                } else {
                    out.write(b); // a stray '=' is kept as it is
                }
            }
            return out.toByteArray();
        }

        private static int hex(byte b) {
            return Character.digit((char) (b & 0xFF), 16);
        }

        private static byte[] uudecode(byte[] raw) {
            try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(raw), "uuencode")) {
                return in.readAllBytes();
            } catch (MessagingException | IOException e) {
                return raw;
            }
        }
    }
}
