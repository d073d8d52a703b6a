package dev.switchboard.bench;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Which messages, byte for byte, does the email benchmark put in its mailboxes? A support
 * mailbox's mix, generated in code: per hundred messages, 20 plain text (7bit, quoted-printable,
 * some format=flowed), 17 multipart/alternative with Gmail- or Outlook-style HTML, 10 Arabic in
 * UTF-8 (base64, plain or with HTML), 6 Arabic in windows-1256 (quoted-printable, encoded-word
 * subject), 18 replies (In-Reply-To and References to an earlier message, quoted history in Gmail
 * or Outlook style, English or Arabic), 16 with one to three attachments of 3 KB to 300 KB
 * (log-uniform, some with RFC 2231 Arabic file names), 6 auto-replies (Auto-Submitted,
 * X-Autoreply, English and Arabic subjects), 6 bounces (RFC 3464 reports and Exim-style text) and
 * 1 without any sender, which ingest-email must turn into a dead letter. Every message has the
 * Received and DKIM-Signature headers real mail carries.
 *
 * <p>Deterministic: the same seed and index always give the same bytes, so two mailboxes filled
 * from one corpus hold identical content. Limits: the text comes from a few dozen templates
 * ({@link SupportText}), attachments are random bytes behind a file signature (incompressible, as
 * JPEG and PDF are, but not real documents), and there are no S/MIME, TNEF or malformed MIME
 * structures beyond the missing sender.
 */
public final class MimeCorpus {
    /** The kinds of message, with their share of a hundred. */
    public enum Kind {
        PLAIN(20),
        HTML_ALTERNATIVE(17),
        ARABIC_UTF8(10),
        ARABIC_WINDOWS_1256(6),
        REPLY(18),
        ATTACHMENTS(16),
        AUTO_REPLY(6),
        BOUNCE(6),
        NO_SENDER(1);

        private final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    public static final String SUPPORT_ADDRESS = "support@shop.example";
    private static final String CRLF = "\r\n";
    private static final Instant FIRST_DATE = Instant.parse("2026-12-01T06:00:00Z");
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final ZoneOffset[] ZONES = {
        ZoneOffset.ofHours(3), ZoneOffset.UTC, ZoneOffset.ofHours(2), ZoneOffset.ofHours(4), ZoneOffset.ofHours(-5)
    };
    private static final String[] DOMAINS = {
        "gmail.example", "outlook.example", "yahoo.example", "example.sa", "example.ae", "example.eg", "example.co.uk"
    };
    private static final Charset WINDOWS_1256 = Charset.forName("windows-1256");
    private static final Base64.Encoder MIME_BASE64 =
            Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII));

    private final long seed;

    public MimeCorpus(long seed) {
        this.seed = seed;
    }

    public Kind kind(int index) {
        return kind(random(index));
    }

    /** The raw RFC 5322 bytes of message {@code index}, CRLF line endings. */
    public byte[] message(int index) {
        SplittableRandom r = random(index);
        Kind kind = kind(r);
        Message m = new Message(index, r);
        switch (kind) {
            case PLAIN -> m.plain();
            case HTML_ALTERNATIVE -> m.alternative();
            case ARABIC_UTF8 -> m.arabicUtf8();
            case ARABIC_WINDOWS_1256 -> m.arabicWindows1256();
            case REPLY -> m.reply();
            case ATTACHMENTS -> m.attachments();
            case AUTO_REPLY -> m.autoReply();
            case BOUNCE -> m.bounce();
            case NO_SENDER -> m.noSender();
        }
        return m.bytes();
    }

    /** The Message-ID of message {@code index}, so a reply can refer to an earlier message without keeping it. */
    String messageId(int index) {
        long h = new SplittableRandom(seed * 31 + index).nextLong();
        return "<" + Long.toHexString(h) + "." + index + "@mail." + DOMAINS[Math.floorMod(h, DOMAINS.length)] + ">";
    }

    private SplittableRandom random(int index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    }

    private static Kind kind(SplittableRandom r) {
        int pick = r.nextInt(100);
        for (Kind k : Kind.values()) {
            pick -= k.weight;
            if (pick < 0) {
                return k;
            }
        }
        throw new IllegalStateException("the weights add up to 100");
    }

    /** One message being written: headers first, then the body. */
    private final class Message {
        private final int index;
        private final SplittableRandom r;
        private final StringBuilder head = new StringBuilder(2048);
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
        private final ZonedDateTime date;
        private final String domain;
        private final int order;

        Message(int index, SplittableRandom r) {
            this.index = index;
            this.r = r;
            this.date = FIRST_DATE.plusSeconds(41L * index).atZone(ZONES[r.nextInt(ZONES.length)]);
            this.domain = DOMAINS[r.nextInt(DOMAINS.length)];
            this.order = 10_000 + r.nextInt(90_000);
        }

        // ---------------------------------------------------------------- kinds

        void plain() {
            String name = SupportText.name(r, false);
            envelope(name, false, subject(false));
            String text = letter(name, false);
            switch (r.nextInt(3)) {
                case 0 -> single("text/plain; charset=us-ascii", "7bit", ascii(text));
                case 1 -> single("text/plain; charset=UTF-8", "quoted-printable", qp(text, StandardCharsets.UTF_8));
                default -> single("text/plain; charset=UTF-8; format=flowed; delsp=yes", "7bit", ascii(flowed(text)));
            }
        }

        void alternative() {
            String name = SupportText.name(r, false);
            envelope(name, false, subject(false));
            String text = letter(name, false);
            alternativeBody(text, r.nextBoolean() ? gmailHtml(text, false) : outlookHtml(text), false);
        }

        void arabicUtf8() {
            String name = SupportText.name(r, true);
            envelope(name, true, subject(true));
            header("Content-Language", "ar");
            String text = letter(name, true);
            if (r.nextBoolean()) {
                single("text/plain; charset=UTF-8", "base64", base64(text.getBytes(StandardCharsets.UTF_8)));
            } else {
                alternativeBody(text, gmailHtml(text, true), true);
            }
        }

        void arabicWindows1256() {
            String name = SupportText.name(r, true);
            String address = "customer" + index + "@" + domain;
            received(address);
            header("MIME-Version", "1.0");
            header("From", encodedWord(name, "windows-1256", "B") + " <" + address + ">");
            header("To", "=?windows-1256?B?" + b64("خدمة العملاء", WINDOWS_1256) + "?= <" + SUPPORT_ADDRESS + ">");
            header("Subject", encodedWord(subject(true), "windows-1256", "Q"));
            header("Date", DATE.format(date));
            header("Message-ID", messageId(index));
            header("X-Mailer", "Microsoft Outlook 16.0");
            single("text/plain; charset=windows-1256", "quoted-printable", qp(letter(name, true), WINDOWS_1256));
        }

        void reply() {
            boolean arabic = r.nextInt(4) == 0;
            int earlier = Math.max(0, index - 1 - r.nextInt(500));
            String name = SupportText.name(r, arabic);
            envelope(name, arabic, (arabic ? "رد: " : "Re: ") + subject(arabic));
            String answer = "<answer-" + earlier + "@shop.example>";
            header("In-Reply-To", answer);
            header("References", messageId(earlier) + CRLF + " " + answer);
            String attribution = DATE.format(date.minusHours(2 + r.nextInt(40)));
            String history = quote(shopAnswer(arabic) + "\n\n" + quote(SupportText.request(r, arabic)));
            String fresh = SupportText.request(r, arabic) + " " + SupportText.filler(r, arabic, 3);
            if (arabic) {
                String text = fresh + "\n\n" + "في " + attribution + "، كتب Shop Support <" + SUPPORT_ADDRESS + ">:\n"
                        + history;
                single("text/plain; charset=UTF-8", "quoted-printable", qp(text, StandardCharsets.UTF_8));
            } else if (r.nextInt(3) == 0) {
                header("Thread-Topic", "Your order " + order);
                String text = fresh + "\n\n" + name + "\n\n-----Original Message-----\nFrom: Shop Support <"
                        + SUPPORT_ADDRESS + ">\nSent: " + attribution + "\nTo: " + name + "\nSubject: Your order "
                        + order + "\n\n" + shopAnswer(false);
                alternativeBody(text, outlookHtml(text), false);
            } else {
                String text =
                        fresh + "\n\nOn " + attribution + ", Shop Support <" + SUPPORT_ADDRESS + "> wrote:\n" + history;
                alternativeBody(text, gmailHtml(text, false), false);
            }
        }

        void attachments() {
            boolean arabic = r.nextInt(3) == 0;
            String name = SupportText.name(r, arabic);
            envelope(name, arabic, subject(arabic));
            String mixed = boundary();
            header("Content-Type", "multipart/mixed; boundary=\"" + mixed + "\"");
            text("This is a multi-part message in MIME format.\r\n");
            open(mixed);
            String text = letter(name, arabic);
            part("text/plain; charset=UTF-8", "quoted-printable", qp(text, StandardCharsets.UTF_8));
            int count = 1 + (r.nextInt(10) < 7 ? 0 : 1 + r.nextInt(2));
            for (int i = 0; i < count; i++) {
                open(mixed);
                attachment(arabic && i == 0);
            }
            close(mixed);
        }

        void autoReply() {
            boolean arabic = r.nextInt(3) == 0;
            String name = SupportText.name(r, arabic);
            String original = "Your order " + order + " has shipped";
            String subject = arabic ? "رد تلقائي: " + original : "Automatic reply: " + original;
            envelope(name, arabic, subject);
            header("In-Reply-To", "<notice-" + order + "@shop.example>");
            switch (r.nextInt(3)) {
                case 0 -> header("Auto-Submitted", "auto-replied");
                case 1 -> header("X-Autoreply", "yes");
                default -> {
                    header("Auto-Submitted", "auto-generated");
                    header("X-Auto-Response-Suppress", "All");
                }
            }
            String text = arabic
                    ? "شكراً لرسالتك. أنا خارج المكتب حتى ١٥ ديسمبر ولن أتمكن من الرد قبل ذلك.\n\n" + name
                    : "Thank you for your email. I am out of the office until 15 December with limited access to"
                            + " email.\nFor urgent matters please contact my colleague.\n\n" + name;
            single("text/plain; charset=UTF-8", "base64", base64(text.getBytes(StandardCharsets.UTF_8)));
        }

        void bounce() {
            String failed = "gone" + order + "@" + domain;
            String original = "<answer-" + Math.max(0, index - 1 - r.nextInt(200)) + "@shop.example>";
            header("Received", "by mx.shop.example (Postfix)" + CRLF + "\tid " + hex(10) + "; " + DATE.format(date));
            header("Return-Path", "<>");
            header("MIME-Version", "1.0");
            header("Date", DATE.format(date));
            header("To", SUPPORT_ADDRESS);
            header("Message-ID", messageId(index));
            header("Auto-Submitted", "auto-replied");
            if (r.nextInt(10) < 7) {
                header("From", "MAILER-DAEMON@mx.shop.example (Mail Delivery System)");
                header("Subject", "Undelivered Mail Returned to Sender");
                String report = boundary();
                header(
                        "Content-Type",
                        "multipart/report; report-type=delivery-status;" + CRLF + "\tboundary=\"" + report + "\"");
                text("This is a MIME-encapsulated message.\r\n");
                open(report);
                part(
                        "text/plain; charset=us-ascii",
                        "7bit",
                        ascii("This is the mail system at host mx.shop.example.\n\nI'm sorry to have to inform you"
                                + " that your message could not\nbe delivered to one or more recipients.\n\n<"
                                + failed + ">: host mx." + domain + "[198.51.100.7] said: 550 5.1.1\n    <" + failed
                                + ">: Recipient address rejected: User unknown\n"));
                open(report);
                part(
                        "message/delivery-status",
                        "7bit",
                        ascii("Reporting-MTA: dns; mx.shop.example\nArrival-Date: " + DATE.format(date)
                                + "\n\nFinal-Recipient: rfc822; " + failed + "\nOriginal-Recipient: rfc822;" + failed
                                + "\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; mx." + domain
                                + "\nDiagnostic-Code: smtp; 550 5.1.1 <" + failed
                                + ">: Recipient address rejected: User unknown\n"));
                open(report);
                part(
                        "text/rfc822-headers",
                        "7bit",
                        ascii("From: Shop Support <" + SUPPORT_ADDRESS + ">\nTo: " + failed
                                + "\nSubject: Re: Your order " + order + "\nMessage-ID: " + original + "\n"));
                close(report);
            } else {
                header("From", "Mail Delivery System <Mailer-Daemon@mx.shop.example>");
                header("Subject", "Mail delivery failed: returning message to sender");
                header("X-Failed-Recipients", failed);
                single(
                        "text/plain; charset=us-ascii",
                        "7bit",
                        ascii("This message was created automatically by mail delivery software.\n\nA message that"
                                + " you sent could not be delivered to one or more of its\nrecipients. This is a"
                                + " permanent error. The following address(es) failed:\n\n  " + failed
                                + "\n    host mx." + domain + " [198.51.100.7]\n    SMTP error from remote mail"
                                + " server after RCPT TO:<" + failed + ">:\n    550 5.1.1 User unknown\n\n------ This"
                                + " is a copy of the message, including all the headers. ------\n\nSubject: Re: Your"
                                + " order " + order + "\nMessage-ID: " + original + "\n\n" + shopAnswer(false)
                                + "\n"));
            }
        }

        void noSender() {
            header(
                    "Received",
                    "from unknown (HELO localhost) [192.0.2.44]" + CRLF + "\tby mx.shop.example; " + DATE.format(date));
            header("MIME-Version", "1.0");
            header("To", SUPPORT_ADDRESS);
            header("Subject", "Order inquiry " + order);
            header("Date", DATE.format(date));
            header("Message-ID", messageId(index));
            single("text/plain; charset=us-ascii", "7bit", ascii(SupportText.request(r, false) + "\n"));
        }

        // ---------------------------------------------------------------- headers

        /** Received, DKIM and the originator headers of a customer's message. */
        private void envelope(String name, boolean arabic, String subject) {
            String address = (arabic ? "customer" + index : name.toLowerCase().replaceAll("[^a-z]+", ".") + index) + "@"
                    + domain;
            received(address);
            header("MIME-Version", "1.0");
            header("From", (arabic ? encodedWord(name, "UTF-8", "B") : "\"" + name + "\"") + " <" + address + ">");
            header("To", "Shop Support <" + SUPPORT_ADDRESS + ">");
            header("Subject", encodedWord(subject, "UTF-8", arabic ? "B" : "Q"));
            header("Date", DATE.format(date));
            header("Message-ID", messageId(index));
            if (r.nextBoolean()) {
                header("User-Agent", "Mozilla Thunderbird");
            } else {
                header("X-Mailer", "iPhone Mail (22B91)");
            }
        }

        private void received(String address) {
            String host = "mail-" + hex(6) + "." + domain;
            header("Return-Path", "<" + address + ">");
            header(
                    "Received",
                    "from " + host + " (" + host + " [203.0.113." + r.nextInt(255) + "])" + CRLF
                            + "\tby mx.shop.example (Postfix) with ESMTPS id " + hex(10) + CRLF + "\tfor <"
                            + SUPPORT_ADDRESS + ">; " + DATE.format(date));
            header("Received", "by " + host + " with SMTP id " + hex(16) + ";" + CRLF + "\t" + DATE.format(date));
            header(
                    "DKIM-Signature",
                    "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=s2026;" + CRLF
                            + "\th=from:to:subject:date:message-id:mime-version; bh=" + b64(hex(32)) + ";" + CRLF
                            + "\tb=" + folded(b64(hex(192))));
        }

        private String subject(boolean arabic) {
            return arabic
                    ? new String[] {"طلبي رقم " + order, "استرداد المبلغ", "الطلب ما وصل", "مشكلة في الدفع"}
                            [r.nextInt(4)]
                    : new String[] {"Order " + order, "Refund request", "Where is my parcel?", "Problem with payment"}
                            [r.nextInt(4)];
        }

        private void header(String name, String value) {
            head.append(name).append(": ").append(value).append(CRLF);
        }

        // ---------------------------------------------------------------- bodies

        private String letter(String name, boolean arabic) {
            String greeting = arabic
                    ? "السلام عليكم،"
                    : new String[] {"Hi,", "Hello support team,", "Dear Sir or Madam,"}[r.nextInt(3)];
            String signOff = arabic ? "شكراً،" : r.nextBoolean() ? "Best regards," : "Thanks,";
            return greeting + "\n\n" + SupportText.request(r, arabic) + " " + SupportText.filler(r, arabic, 4)
                    + "\n\n" + SupportText.filler(r, arabic, 3) + "\n\n" + signOff + "\n" + name
                    + (r.nextInt(4) == 0 ? "\n\nSent from my iPhone" : "");
        }

        private String shopAnswer(boolean arabic) {
            return arabic
                    ? "مرحباً،\nشكراً لتواصلك معنا. نعتذر عن التأخير في الطلب " + order
                            + "، وقد رفعنا الموضوع لشركة الشحن.\nمع التحية،\nخدمة العملاء"
                    : "Hello,\nThank you for contacting us. We are sorry about the delay with order " + order
                            + ". We have raised it with the courier and will update you within 48 hours.\nKind"
                            + " regards,\nShop Support";
        }

        private void alternativeBody(String text, String html, boolean base64) {
            String alt = boundary();
            header("Content-Type", "multipart/alternative; boundary=\"" + alt + "\"");
            open(alt);
            if (base64) {
                part("text/plain; charset=UTF-8", "base64", base64(text.getBytes(StandardCharsets.UTF_8)));
                open(alt);
                part("text/html; charset=UTF-8", "base64", base64(html.getBytes(StandardCharsets.UTF_8)));
            } else {
                part("text/plain; charset=UTF-8", "quoted-printable", qp(text, StandardCharsets.UTF_8));
                open(alt);
                part("text/html; charset=UTF-8", "quoted-printable", qp(html, StandardCharsets.UTF_8));
            }
            close(alt);
        }

        private String gmailHtml(String text, boolean rtl) {
            StringBuilder html = new StringBuilder("<div dir=\"" + (rtl ? "rtl" : "ltr") + "\">");
            boolean quoting = false;
            for (String line : text.split("\n", -1)) {
                if (line.startsWith(">") && !quoting) {
                    html.append("<div class=\"gmail_quote\"><blockquote class=\"gmail_quote\" style=\"margin:0px 0px"
                            + " 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\">");
                    quoting = true;
                }
                String content = escape(quoting ? line.replaceFirst("^>+ ?", "") : line);
                html.append(content.isEmpty() ? "<div><br></div>" : "<div>" + content + "</div>");
            }
            if (quoting) {
                html.append("</blockquote></div>");
            }
            return html.append("</div>\n").toString();
        }

        private String outlookHtml(String text) {
            StringBuilder html = new StringBuilder(
                    "<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\""
                            + " xmlns:w=\"urn:schemas-microsoft-com:office:word\">\n<head>\n<meta"
                            + " http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n<meta"
                            + " name=\"Generator\" content=\"Microsoft Word 15 (filtered medium)\">\n<style><!--\n"
                            + "@font-face {font-family:\"Cambria Math\"; panose-1:2 4 5 3 5 4 6 3 2 4;}\n"
                            + "@font-face {font-family:Calibri; panose-1:2 15 5 2 2 2 4 3 2 4;}\n"
                            + "p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt;"
                            + " font-family:\"Calibri\",sans-serif;}\na:link, span.MsoHyperlink {mso-style-priority:99;"
                            + " color:#0563C1; text-decoration:underline;}\nspan.EmailStyle17 {mso-style-type:"
                            + "personal-compose; font-family:\"Calibri\",sans-serif; color:windowtext;}\n"
                            + ".MsoChpDefault {mso-style-type:export-only; font-family:\"Calibri\",sans-serif;}\n"
                            + "@page WordSection1 {size:612.0pt 792.0pt; margin:72.0pt 72.0pt 72.0pt 72.0pt;}\n"
                            + "div.WordSection1 {page:WordSection1;}\n--></style>\n</head>\n<body lang=\"EN-GB\""
                            + " link=\"#0563C1\" vlink=\"#954F72\" style=\"word-wrap:break-word\">\n"
                            + "<div class=\"WordSection1\">\n");
            for (String line : text.split("\n", -1)) {
                html.append("<p class=\"MsoNormal\">")
                        .append(line.isEmpty() ? "<o:p>&nbsp;</o:p>" : escape(line) + "<o:p></o:p>")
                        .append("</p>\n");
            }
            return html.append("</div>\n</body>\n</html>\n").toString();
        }

        private void attachment(boolean arabicName) {
            int kind = r.nextInt(3);
            String type = new String[] {"application/pdf", "image/jpeg", "image/png"}[kind];
            String file = new String[] {
                        "invoice-" + order + ".pdf", "IMG_" + (1000 + r.nextInt(9000)) + ".jpg", "screenshot.png"
                    }
                    [kind];
            // Log-uniform between 3 KB and 300 KB: most attachments are small, a few are photos.
            int size = (int) Math.exp(Math.log(3_000) + r.nextDouble() * (Math.log(300_000) - Math.log(3_000)));
            byte[] data = new byte[size];
            r.nextBytes(data);
            byte[] magic = new byte[][] {
                        "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII),
                        {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0},
                        {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}
                    }
                    [kind];
            System.arraycopy(magic, 0, data, 0, magic.length);
            String disposition = arabicName && kind == 0
                    ? "attachment;" + CRLF + "\tfilename*=UTF-8''"
                            + URLEncoder.encode("فاتورة-" + order + ".pdf", StandardCharsets.UTF_8)
                                    .replace("+", "%20")
                    : "attachment; filename=\"" + file + "\"";
            text("Content-Type: " + type + "; name=\"" + file + "\"\r\nContent-Disposition: " + disposition
                    + "\r\nContent-Transfer-Encoding: base64\r\n\r\n");
            write(base64(data));
            text(CRLF);
        }

        // ---------------------------------------------------------------- MIME plumbing

        private void single(String contentType, String encoding, byte[] content) {
            header("Content-Type", contentType);
            header("Content-Transfer-Encoding", encoding);
            write(content);
        }

        private void part(String contentType, String encoding, byte[] content) {
            text("Content-Type: " + contentType + "\r\nContent-Transfer-Encoding: " + encoding + "\r\n\r\n");
            write(content);
            text(CRLF);
        }

        private void open(String boundary) {
            text(CRLF + "--" + boundary + CRLF);
        }

        private void close(String boundary) {
            text(CRLF + "--" + boundary + "--" + CRLF);
        }

        private String boundary() {
            return "000000000000" + hex(12);
        }

        private void text(String s) {
            write(s.getBytes(StandardCharsets.UTF_8));
        }

        private void write(byte[] b) {
            body.write(b, 0, b.length);
        }

        byte[] bytes() {
            byte[] h = head.append(CRLF).toString().getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream(h.length + body.size());
            out.write(h, 0, h.length);
            out.write(body.toByteArray(), 0, body.size());
            return out.toByteArray();
        }

        private String hex(int length) {
            StringBuilder s = new StringBuilder(length);
            while (s.length() < length) {
                s.append(Long.toHexString(r.nextLong()));
            }
            return s.substring(0, length);
        }
    }

    // -------------------------------------------------------------------- encodings

    private static byte[] ascii(String text) {
        return crlf(text).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] qp(String text, Charset charset) {
        return encode(crlf(text).getBytes(charset), "quoted-printable");
    }

    private static byte[] base64(byte[] data) {
        return (MIME_BASE64.encodeToString(data) + CRLF).getBytes(StandardCharsets.US_ASCII);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(String s, Charset charset) {
        return Base64.getEncoder().encodeToString(s.getBytes(charset));
    }

    private static byte[] encode(byte[] data, String encoding) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 2);
            try (OutputStream encoder = MimeUtility.encode(out, encoding)) {
                encoder.write(data);
            }
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Jakarta Mail cannot write " + encoding, e);
        }
    }

    private static String encodedWord(String text, String charset, String encoding) {
        try {
            return MimeUtility.fold(9, MimeUtility.encodeText(text, charset, encoding));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A long header value folded at 76 characters, as DKIM signers write it. */
    private static String folded(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i += 70) {
            out.append(i == 0 ? "" : CRLF + "\t").append(value, i, Math.min(value.length(), i + 70));
        }
        return out.toString();
    }

    /** Format=flowed (RFC 3676): long lines broken after a space that is kept. */
    private static String flowed(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            while (line.length() > 72) {
                int cut = line.lastIndexOf(' ', 72);
                cut = cut <= 0 ? 72 : cut + 1;
                out.append(line, 0, cut).append('\n');
                line = line.substring(cut);
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static String quote(String text) {
        return ("> " + text.replace("\n", "\n> ")).replace("> >", ">>");
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", CRLF);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
