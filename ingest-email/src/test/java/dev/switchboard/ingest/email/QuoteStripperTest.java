package dev.switchboard.ingest.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.Corpora;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuoteStripperTest {

    @Test
    void gmailEnglishAttributionAndQuote() {
        String text =
                "Thanks, that works.\n\nOn Mon, Nov 30, 2026 at 9:00 AM Shop <support@shop.example> wrote:\n> old text\n> more";
        assertThat(QuoteStripper.strip(text)).isEqualTo("Thanks, that works.");
    }

    @Test
    void gmailArabicAttributionsWithBidiMarks() {
        String gmail =
                "شكرا جزيلا\n\n\u202Bفي الخميس، 26 نوفمبر 2026 في 10:00 ص تمت كتابة ما يلي بواسطة \u202Aمتجر\u202C\u200F <\u202Asupport@shop.example\u202C\u200F>:\u202C\n> نص قديم";
        String apple = "وصل الطلب\n\nفي 26/11/2026، الساعة 10:00 ص، كتب متجر <support@shop.example>:\n\n> نص قديم";
        assertThat(QuoteStripper.strip(gmail)).isEqualTo("شكرا جزيلا");
        assertThat(QuoteStripper.strip(apple)).isEqualTo("وصل الطلب");
    }

    @Test
    void outlookArabicHeaderBlock() {
        String text =
                "أرجو التحقق من الطلب\n\nمن: متجر <support@shop.example>\nتاريخ الإرسال: الخميس، 26 نوفمبر 2026 10:00 ص\nإلى: ليلى\nالموضوع: طلبك\n\nنص قديم";
        assertThat(QuoteStripper.strip(text)).isEqualTo("أرجو التحقق من الطلب");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Le 26 nov. 2026 à 10:00, Boutique <support@shop.example> a écrit :",
                "Am 26.11.2026 um 10:00 schrieb Shop <support@shop.example>:",
                "El jue, 26 nov 2026 a las 10:00, Tienda (<support@shop.example>) escribió:",
                "Il giorno gio 26 nov 2026 alle ore 10:00 Negozio <support@shop.example> ha scritto:",
                "Em qui., 26 de nov. de 2026 às 10:00, Loja <support@shop.example> escreveu:",
                "Op do 26 nov. 2026 om 10:00 schreef Winkel <support@shop.example>:",
                "Den 26 nov. 2026 kl. 10:00 skrev Butik <support@shop.example>:",
                "26.11.2026 10:00 пользователь Магазин <support@shop.example> написал:"
            })
    void attributionsInOtherLanguages(String attribution) {
        assertThat(QuoteStripper.strip("New text\n\n" + attribution + "\n> old"))
                .isEqualTo("New text");
    }

    @Test
    void signaturesAndMobileFootersGo() {
        assertThat(QuoteStripper.strip("Hello\n\n-- \nJohn Doe\nACME")).isEqualTo("Hello");
        assertThat(QuoteStripper.strip("Hello\n\nSent from my iPhone")).isEqualTo("Hello");
        assertThat(QuoteStripper.strip("مرحبا\n\nأُرسلت من الـ iPhone")).isEqualTo("مرحبا");
        assertThat(QuoteStripper.strip("Hallo\n\nVon meinem iPhone gesendet")).isEqualTo("Hallo");
        assertThat(QuoteStripper.strip("Hi\n\nGet Outlook for Android")).isEqualTo("Hi");
    }

    @Test
    void forwardedMessagesAreKept() {
        String text =
                "Please look at this\n\n---------- Forwarded message ---------\nFrom: Shop <orders@shop.example>\nDate: Tue, 24 Nov 2026\nSubject: Order 3344\nTo: me@example.com\n\nYour order 3344 is confirmed.";
        assertThat(QuoteStripper.strip(text)).contains("Your order 3344 is confirmed.");
    }

    @Test
    void aCustomerWritingFromOrOnIsNotCut() {
        String text = "On my way home I noticed the parcel was open.\nFrom: the driver, nothing.\nIt was wet.";
        assertThat(QuoteStripper.strip(text)).isEqualTo(text);
    }

    @Test
    void aBareForwardIsNotEmptied() {
        String text =
                "-----Original Message-----\nFrom: a@example.com\nSent: today\nTo: b@example.com\nSubject: x\n\nbody";
        assertThat(QuoteStripper.strip(text)).isEqualTo(text);
    }

    // ---- github/email_reply_parser fixtures; expectations written by us (the Ruby test file is not in the corpus)

    private static final Map<String, String> REPLY_PARSER_EXPECTED = Map.ofEntries(
            Map.entry("correct_sig.txt", "this is an email with a correct -- signature."),
            Map.entry("email_1_3.txt", "Oh thanks.\n\nHaving the function would be great.\n\n-Abhishek Kona"),
            Map.entry("email_1_4.txt", "Awesome! I haven't had another problem with it."),
            Map.entry("email_1_6.txt", "I get proper rendering as well.\n\nSent from a magnificent torch of pixels"),
            Map.entry("email_1_7.txt", ":+1:"),
            Map.entry("email_1_8.txt", "I will reply under this one\n\nand under this."),
            Map.entry("email_2_1.txt", "Outlook with a reply"),
            Map.entry("email_2_2.txt", "Outlook with a reply directly above line"),
            Map.entry("email_2_3.txt", "Outlook with a reply directly above line"),
            Map.entry("email_BlackBerry.txt", "Here is another email"),
            Map.entry("email_iPhone.txt", "Here is another email"),
            Map.entry("email_multi_word_sent_from_my_mobile_device.txt", "Here is another email"),
            Map.entry(
                    "email_sent_from_my_not_signature.txt",
                    "Here is another email\n\nSent from my desk, is much easier then my mobile phone."),
            Map.entry(
                    "email_sig_delimiter_in_middle_of_line.txt",
                    "Hi there!\n\nStuff happened.\n\nAnd here is a fix -- this is not a signature.\n\nkthxbai"),
            Map.entry(
                    "email_one_is_not_on.txt",
                    "Thank, this is really helpful.\n\nOne outstanding question I had:\n\nLocally (on development), when I run..."),
            Map.entry(
                    "pathological.txt",
                    "I think you're onto something. I will try to fix the problem as soon as I\nget back to a computer."));

    @Test
    void emailReplyParserCorpus() throws IOException {
        Path dir = Corpora.require("github-email_reply_parser/emails");
        for (var e : REPLY_PARSER_EXPECTED.entrySet()) {
            String text = Files.readString(dir.resolve(e.getKey()), StandardCharsets.UTF_8);
            assertThat(QuoteStripper.strip(text)).as(e.getKey()).isEqualTo(e.getValue());
        }
        String greedy = QuoteStripper.strip(Files.readString(dir.resolve("greedy_on.txt")));
        assertThat(greedy)
                .startsWith("On your remote host you can run:")
                .endsWith("the tunnel is not working.")
                .doesNotContain("George Plymale");
        String bullets = QuoteStripper.strip(Files.readString(dir.resolve("email_bullets.txt")));
        assertThat(bullets).endsWith("   - and another").doesNotContain("Give us an example");
        String bottomPost = QuoteStripper.strip(Files.readString(dir.resolve("email_1_2.txt")));
        assertThat(bottomPost)
                .startsWith("Hi,\n\nYou can list the keys for the bucket")
                .doesNotContain("What is the best way");
    }

    // ---- mailgun/talon standard replies: every client's reply text is "Hello" once quotes and signatures go
    // (talon's own expectation keeps signatures, e.g. sparrow_reply_text; we strip them)

    @ParameterizedTest
    @ValueSource(
            strings = {
                "android.eml", "aol.eml", "apple_mail.eml", "apple_mail_2.eml", "comcast.eml", "gmail.eml",
                "hotmail.eml", "iphone.eml", "outlook.eml", "sparrow.eml", "thunderbird.eml", "yahoo.eml"
            })
    void talonStandardReplies(String name) throws IOException {
        Path file = Corpora.require("mailgun-talon/standard_replies").resolve(name);
        MimeReader.Result r = new MimeReader(100_000).read(Files.readAllBytes(file));

        assertThat(r).isInstanceOf(MimeReader.Parsed.class);
        String text = ((MimeReader.Parsed) r).email().text();
        assertThat(QuoteStripper.strip(text)).as(name).isEqualTo("Hello");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "gmail.html",
                "hotmail.html",
                "ms_outlook_2003.html",
                "ms_outlook_2007.html",
                "ms_outlook_2010.html",
                "thunderbird.html",
                "windows_mail.html",
                "mail_ru.html",
                "yandex_ru.html"
            })
    void talonHtmlRepliesLoseTheirQuotedPart(String name) throws IOException {
        Path file = Corpora.require("mailgun-talon/html_replies").resolve(name);
        String html = Files.readString(file, StandardCharsets.UTF_8);
        String text = HtmlText.toText(html);
        String stripped = QuoteStripper.strip(text);

        assertThat(stripped).as(name).isNotBlank();
        assertThat(stripped.length()).as(name + ": " + stripped).isLessThan(text.length());
    }
}
