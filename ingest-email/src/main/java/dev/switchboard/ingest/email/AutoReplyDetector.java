package dev.switchboard.ingest.email;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a message is an auto-reply or out-of-office notice, or list mail, and why.
 *
 * <p>Signals, strongest first: RFC 3834 {@code Auto-Submitted} (anything but {@code no}),
 * {@code X-Autoreply}, {@code X-Autorespond}, {@code X-Auto-Response-Suppress} with OOF or
 * AutoReply together with an auto-reply subject, {@code Precedence: auto_reply|junk|bulk}, and
 * common subjects in English, Arabic and other languages ("Out of Office", "Automatic reply",
 * "رد تلقائي", "خارج المكتب", …). {@code Precedence: bulk} is list mail rather than an
 * auto-reply when the message also has list headers. Bounces are reported by {@link BounceParser}
 * and not called auto-replies here.
 */
public final class AutoReplyDetector {
    private static final Pattern SUBJECT = Pattern.compile(
            "^\\s*(\\[?(auto(matic|matische|matisk|matique)?[ -]?(reply|response|respond|answer|antwort|antwoord"
                    + "|svar|réponse|reponse|respuesta|risposta|resposta|odpowiedź)|auto:|autoreply|autoresponder"
                    + "|out of (the )?office|away from (the )?office|on vacation|on leave|abwesenheitsnotiz"
                    + "|abwesend|absence du bureau|absent du bureau|réponse automatique|reponse automatique"
                    + "|respuesta automática|respuesta automatica|fuera de la oficina|risposta automatica"
                    + "|fuori ufficio|resposta automática|ausente do escritório|automatisch antwoord|afwezig"
                    + "|frånvaro|fravær|automatyczna odpowiedź|автоматический ответ|otomatik yanıt"
                    + "|رد تلقائي|الرد التلقائي|رد آلي|الرد الآلي|رسالة تلقائية|إجابة تلقائية|اجابة تلقائية"
                    + "|خارج المكتب|خارج الدوام|في إجازة|في اجازة|غير متواجد))",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private AutoReplyDetector() {}

    /** What the headers and subject say about automation. */
    public record Verdict(boolean autoReply, boolean mailingList, Optional<String> reason, Optional<String> listId) {}

    public static Verdict detect(MailHeaders headers, Optional<String> subject) {
        Optional<String> listId = headers.text("List-Id").map(String::strip).filter(s -> !s.isEmpty());
        boolean listHeaders = listId.isPresent() || headers.has("List-Unsubscribe") || headers.has("List-Post");
        Optional<String> precedence = headers.lower("Precedence").map(String::strip);
        boolean subjectSaysAuto = subject.map(s -> SUBJECT.matcher(s).find()).orElse(false);

        Optional<String> reason = Optional.empty();
        Optional<String> autoSubmitted = headers.lower("Auto-Submitted").map(String::strip);
        if (autoSubmitted.isPresent() && !autoSubmitted.get().startsWith("no")) {
            reason = Optional.of("Auto-Submitted: " + autoSubmitted.get());
        } else if (headers.has("X-Autoreply")) {
            reason = Optional.of("X-Autoreply");
        } else if (headers.has("X-Autorespond")) {
            reason = Optional.of("X-Autorespond");
        } else if (headers.has("X-Auto-Reply")) {
            reason = Optional.of("X-Auto-Reply");
        } else if (precedence
                .filter(p -> p.equals("auto_reply") || p.equals("junk"))
                .isPresent()) {
            reason = Optional.of("Precedence: " + precedence.get());
        } else if (precedence.filter("bulk"::equals).isPresent() && !listHeaders) {
            reason = Optional.of("Precedence: bulk");
        } else if (subjectSaysAuto) {
            reason = Optional.of("subject: " + subject.get().strip());
        } else if (headers.lower("X-Auto-Response-Suppress")
                        .filter(v -> v.contains("oof") || v.contains("autoreply"))
                        .isPresent()
                && headers.has("Thread-Topic")
                && subject.map(s -> s.toLowerCase(Locale.ROOT).contains("auto")).orElse(false)) {
            reason = Optional.of("X-Auto-Response-Suppress");
        }
        boolean list = listHeaders
                || precedence.filter(p -> p.equals("list") || p.equals("bulk")).isPresent() && reason.isEmpty();
        return new Verdict(reason.isPresent(), list, reason, listId);
    }
}
