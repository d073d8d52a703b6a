package dev.switchboard.ingest.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Attachment;
import dev.switchboard.events.DeadLetter;
import dev.switchboard.events.DeadLetterReason;
import dev.switchboard.events.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EmailEventsTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private final EmailEvents events = new EmailEvents(100_000, 4096);

    private InboundMessage event(String name) {
        EmailEvents.Conversion c = events.convert(TestMessages.bytes(name), TestMessages.context(7), NOW);
        assertThat(c).as(name).isInstanceOf(EmailEvents.Accepted.class);
        return ((EmailEvents.Accepted) c).event();
    }

    private DeadLetter deadLetter(byte[] raw) {
        EmailEvents.Conversion c = events.convert(raw, TestMessages.context(9), NOW);
        assertThat(c).isInstanceOf(EmailEvents.Rejected.class);
        return ((EmailEvents.Rejected) c).deadLetter();
    }

    @Test
    void arabicUtf8Base64WithEncodedSubjectAndGmailArabicQuote() {
        InboundMessage e = event("arabic-utf8-base64.eml");

        assertThat(e.getSubject()).isEqualTo("طلبي لم يصل");
        assertThat(e.getCustomer().getAddress()).isEqualTo("layla.hassan@example.com");
        assertThat(e.getCustomer().getDisplayName()).isEqualTo("ليلى حسن");
        assertThat(e.getBodyText()).isEqualTo("مرحبا،\nطلبي رقم 4521 لم يصل بعد. أريد استرداد المبلغ.");
        assertThat(e.getFullText()).contains("> شكرا لطلبك من متجرنا");
        assertThat(e.getFlags().getCharsetFallback()).isFalse();
        assertThat(e.getSourceMessageId()).isEqualTo("ar-utf8-1@mail.example.com");
        assertThat(e.getConversationKey()).isEqualTo("email:support:order-4521@shop.example");
        assertThat(e.getThreading().getInReplyTo()).containsExactly("order-4521@shop.example");
        assertThat(e.getReceivedAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(e.getIngestedAt()).isEqualTo(NOW);
        assertThat(e.getMetadata()).containsEntry("imap.uid", "7").containsEntry("imap.uidValidity", "42");
    }

    @Test
    void windows1256QuotedPrintableWithSubjectSplitAcrossEncodedWords() {
        InboundMessage e = event("arabic-windows-1256-qp.eml");

        assertThat(e.getSubject()).isEqualTo("منتج مكسور");
        assertThat(e.getCustomer().getDisplayName()).isEqualTo("أحمد علي");
        assertThat(e.getBodyText()).isEqualTo("السلام عليكم\nالمنتج وصل مكسور، أرجو الاستبدال.");
        assertThat(e.getFullText()).endsWith("أحمد");
        assertThat(e.getFlags().getCharsetFallback()).isFalse();
    }

    @Test
    void iso88596EightBit() {
        InboundMessage e = event("arabic-iso-8859-6.eml");

        assertThat(e.getSubject()).isEqualTo("الغاء الطلب");
        assertThat(e.getBodyText()).isEqualTo("اريد الغاء الطلب رقم 7788 من فضلك");
        assertThat(e.getFlags().getCharsetFallback()).isFalse();
    }

    @Test
    void mislabelledCharsetIsDecodedByFallbackAndFlagged() {
        InboundMessage e = event("mislabelled-utf8-is-1256.eml");

        assertThat(e.getBodyText()).isEqualTo("أين طلبي؟ لم يصلني أي رد");
        assertThat(e.getSubject()).isEqualTo("Where is my order?");
        assertThat(e.getFlags().getCharsetFallback()).isTrue();
    }

    @Test
    void unknownCharsetFallsBackWithAFlagNeverGarbage() {
        InboundMessage e = event("unknown-charset.eml");

        assertThat(e.getBodyText()).isEqualTo("Bonjour, la commande n'est pas arrivée. Merci d'avance.");
        assertThat(e.getSubject()).isEqualTo("Commande non arrivée");
        assertThat(e.getCustomer().getDisplayName()).isEqualTo("Renée");
        assertThat(e.getFlags().getCharsetFallback()).isTrue();
    }

    @Test
    void htmlOnlyBecomesReadableTextWithoutTheQuote() {
        InboundMessage e = event("html-only.eml");

        assertThat(e.getBodyText())
                .isEqualTo(
                        "Hi,\n\nI was charged twice for order #991 & need a refund.\n- first charge\n- second charge");
        assertThat(e.getFullText()).contains("> Your order #991 has shipped.").doesNotContain("color: red");
        assertThat(e.getCustomer().getDisplayName()).isEqualTo("Doe, Jane");
        assertThat(e.getConversationKey()).isEqualTo("email:support:shipped-991@shop.example");
    }

    @Test
    void nestedMultipartsPreferPlainTextAndListEveryAttachmentWithItsHash() {
        InboundMessage e = event("nested-multipart.eml");

        assertThat(e.getBodyText())
                .startsWith("Please see the invoice and the confirmation below. The total is wrong.")
                .doesNotContain("HTML version")
                .contains("Your order 3344 is confirmed. Total: 250.00 SAR");
        assertThat(e.getAttachments())
                .extracting(Attachment::getName, Attachment::getMediaType, Attachment::getSize)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("logo.png", "image/png", 1024L),
                        org.assertj.core.groups.Tuple.tuple("فاتورة 3344.pdf", "application/pdf", 1009L),
                        org.assertj.core.groups.Tuple.tuple("", "message/rfc822", (long) forwardedSize()));
        byte[] png = new byte[1024];
        for (int i = 0; i < png.length; i++) {
            png[i] = (byte) (i % 256);
        }
        assertThat(e.getAttachments().stream()
                        .filter(a -> a.getName().equals("logo.png"))
                        .findFirst()
                        .orElseThrow()
                        .getSha256())
                .isEqualTo(MimeReader.sha256(png));
    }

    private static int forwardedSize() {
        String raw = new String(TestMessages.bytes("nested-multipart.eml"), StandardCharsets.ISO_8859_1);
        int start = raw.indexOf("From: Shop");
        int end = raw.indexOf("\r\n--mixed--");
        return end - start;
    }

    @Test
    void outlookReplyKeepsOnlyTheNewTextAndCarriesTheThread() {
        InboundMessage e = event("outlook-reply.eml");

        assertThat(e.getBodyText())
                .isEqualTo("I still have not received the return label.\nCan you send it again?\n\nMark");
        assertThat(e.getSubject()).isEqualTo("RE: Your return request 5566");
        assertThat(e.getCustomer().getAddress()).isEqualTo("mark.smith@example.co.uk");
        assertThat(e.getMetadata()).containsEntry("reply-to", "Accounts <accounts@example.co.uk>");
        assertThat(e.getThreading().getReferences())
                .containsExactly("return-5566-1@shop.example", "return-5566-2@shop.example");
        assertThat(e.getConversationKey()).isEqualTo("email:support:return-5566-1@shop.example");
        assertThat(e.getFlags().getAutoReply()).isFalse();
    }

    @Test
    void autoRepliesAreFlaggedInEnglishAndArabic() {
        InboundMessage en = event("auto-reply-en.eml");
        InboundMessage ar = event("auto-reply-ar.eml");

        assertThat(en.getFlags().getAutoReply()).isTrue();
        assertThat(en.getMetadata()).containsEntry("auto-reply.reason", "Auto-Submitted: auto-replied");
        assertThat(ar.getFlags().getAutoReply()).isTrue();
        assertThat(ar.getSubject()).isEqualTo("رد تلقائي: خارج المكتب");
        assertThat(ar.getFlags().getBounce()).isFalse();
    }

    @Test
    void deliveryStatusReportIsABounceWithRecipientStatusAndDiagnostic() {
        InboundMessage e = event("bounce-dsn.eml");

        assertThat(e.getFlags().getBounce()).isTrue();
        assertThat(e.getFlags().getAutoReply()).isFalse();
        assertThat(e.getBounce().getFailedRecipient()).isEqualTo("gone@example.com");
        assertThat(e.getBounce().getStatus()).isEqualTo("5.1.1");
        assertThat(e.getBounce().getDiagnostic())
                .isEqualTo("550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown");
        assertThat(e.getFullText()).doesNotContain("we answered your question");
    }

    @Test
    void plainBounceFromMailerDaemon() {
        InboundMessage e = event("bounce-plain.eml");

        assertThat(e.getFlags().getBounce()).isTrue();
        assertThat(e.getBounce().getFailedRecipient()).isEqualTo("nobody@example.net");
        assertThat(e.getBounce().getStatus()).isEqualTo("5.1.1");
    }

    @Test
    void mailingListIsFlaggedWithItsId() {
        InboundMessage e = event("mailing-list.eml");

        assertThat(e.getFlags().getMailingList()).isTrue();
        assertThat(e.getFlags().getAutoReply()).isFalse();
        assertThat(e.getMetadata()).containsEntry("list-id", "Vendor news <news.vendor.example>");
    }

    @Test
    void malformedHeadersStillGiveAnEventWithAStableSyntheticId() {
        byte[] raw = TestMessages.bytes("malformed-headers.eml");
        InboundMessage e = event("malformed-headers.eml");
        InboundMessage again = event("malformed-headers.eml");

        assertThat(e.getSourceMessageId()).isEqualTo(again.getSourceMessageId()).endsWith("@switchboard.invalid");
        assertThat(e.getSourceMessageId()).isEqualTo(EmailEvents.syntheticId(raw));
        assertThat(e.getConversationKey()).isEqualTo("email:support:" + e.getSourceMessageId());
        assertThat(e.getCustomer().getAddress()).isEqualTo("broken@example.com");
        assertThat(e.getSubject()).isEqualTo("مرحبا please help");
        assertThat(e.getBodyText()).isEqualTo("My parcel is damaged — what now? The box was open.=ZZ");
        assertThat(e.getMetadata()).containsKey("mime.problems").containsEntry("message-id.synthetic", "true");
    }

    @Test
    void aLineThatIsNoHeaderStartsTheBody() {
        InboundMessage e = event("header-without-blank-line.eml");

        assertThat(e.getSubject()).isEqualTo("no blank line");
        assertThat(e.getBodyText()).isEqualTo("Hello, my order 123 is late.\nCan you check?");
    }

    @Test
    void rawUtf8HeadersAndBrokenBase64Padding() {
        InboundMessage e = event("raw-utf8-headers.eml");

        assertThat(e.getSubject()).isEqualTo("استفسار عن الشحن");
        assertThat(e.getCustomer().getDisplayName()).isEqualTo("يوسف");
        assertThat(e.getBodyText()).startsWith("متى يصل الشحن");
    }

    @Test
    void noSenderIsADeadLetterWithTheOriginalBytes() {
        byte[] raw = TestMessages.bytes("no-sender.eml");
        DeadLetter d = deadLetter(raw);

        assertThat(d.getReason()).isEqualTo(DeadLetterReason.INVARIANT_VIOLATION);
        assertThat(d.getService()).isEqualTo("ingest-email");
        assertThat(d.getSourceId()).isEqualTo("support");
        assertThat(d.getPayload().array()).isEqualTo(raw);
        assertThat(d.getContext()).containsEntry("uid", "9").containsEntry("folder", "INBOX");
    }

    @Test
    void bytesThatAreNotAMessageAreMalformedAndCutAtTheCap() {
        byte[] garbage = new byte[10_000];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
        }
        garbage[0] = '\n';
        DeadLetter d = deadLetter(garbage);

        assertThat(d.getReason()).isEqualTo(DeadLetterReason.MALFORMED);
        assertThat(d.getPayload().remaining()).isEqualTo(4096);
        assertThat(d.getOriginalSize()).isEqualTo(10_000);
        assertThat(d.getTruncated()).isTrue();
    }

    @Test
    void hostileNestingOfForwardedMessagesIsReadWithoutBlowingTheStack() {
        String inner = "From: a@example.com\r\nSubject: deep\r\nMessage-ID: <deep@x>\r\n\r\ncore text\r\n";
        for (int i = 0; i < 200; i++) {
            inner = "From: f" + i + "@example.com\r\nMessage-ID: <n" + i + "@x>\r\nContent-Type: message/rfc822\r\n\r\n"
                    + inner;
        }
        EmailEvents.Conversion c =
                events.convert(inner.getBytes(StandardCharsets.US_ASCII), TestMessages.context(3), NOW);

        assertThat(c).isInstanceOf(EmailEvents.Accepted.class);
        assertThat(((EmailEvents.Accepted) c).event().getMetadata().get("mime.problems"))
                .contains("nested deeper");
    }

    @Test
    void veryLongTextIsCutAndFlagged() {
        String body = "word ".repeat(50_000);
        byte[] raw = ("From: a@example.com\r\nSubject: long\r\nMessage-ID: <long@x>\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
        InboundMessage e =
                ((EmailEvents.Accepted) new EmailEvents(1000, 4096).convert(raw, TestMessages.context(1), NOW)).event();

        assertThat(e.getFullText()).hasSize(1000);
        assertThat(e.getFlags().getTruncated()).isTrue();
    }
}
