package dev.switchboard.ingest.email;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The new text of a reply: the message without quoted history and signatures. This is what the
 * router classifies, so it errs towards keeping the customer's words.
 *
 * <p>Removed: lines quoted with {@code >} (wherever they are, so inline and bottom-posted
 * replies keep their new text); attribution lines before a quote ("On … wrote:" and its French,
 * German, Spanish, Italian, Portuguese, Dutch, Scandinavian, Polish, Russian, Turkish and Arabic
 * forms, "في … كتب:", also wrapped over up to three lines); everything from an unquoted history
 * block on ("-----Original Message-----", Outlook/Gmail "From: … Sent: … To: … Subject:" header
 * blocks in those languages, an attribution with no quote under it); the {@code -- } signature;
 * mobile signatures ("Sent from my iPhone", "Get Outlook for Android", "أُرسلت من الـ iPhone", …);
 * a short footer under a line of underscores (mailing lists).
 *
 * <p>Known limits: a personal signature without a delimiter stays; a reply written inside an
 * unquoted Outlook history block (rare) is cut with it. When nothing is left (a bare forward),
 * the whole text is returned, because an empty body helps nobody.
 */
public final class QuoteStripper {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

    private static final Pattern BIDI = Pattern.compile("[\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\u061C\\uFEFF]");

    private static final Pattern ATTRIBUTION_VERB = Pattern.compile(
            "(?<!\\p{L})(wrote|writes|a écrit|a ecrit|schrieb|escribió|escribio|ha scritto|scrisse|escreveu"
                    + "|schreef|skrev|skrev følgende|kirjoitti|napisał|napisal|написал|написала|написал\\(а\\)"
                    + "|napsal|yazdı|írta|a scris|έγραψε|כתב|كتب|كتبت|تمت كتابة ما يلي بواسطة)(?!\\p{L})",
            FLAGS);
    private static final Pattern ATTRIBUTION_PREFIX =
            Pattern.compile("^\\s*(On|Le|Am|El|Il|Em|Op|Den|På|Dne|W dniu|В|Στις|في)\\s", FLAGS);
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^\\s*[-_=*]{2,}\\s*(Original Message|Ursprüngliche Nachricht|Originalnachricht|Message d'origine"
                    + "|Message original|Mensaje original|Messaggio originale|Mensagem original|Oorspronkelijk bericht"
                    + "|Originalmeddelande|Opprinnelig melding|Oprindelig meddelelse|Wiadomość oryginalna"
                    + "|Исходное сообщение|Orijinal Mesaj|الرسالة الأصلية|رسالة أصلية)\\s*[-_=*]{2,}\\s*$",
            FLAGS);
    private static final Pattern FROM_LINE = Pattern.compile(
            "^\\s*\\*?\\s*(From|De|Von|Da|Van|Från|Fra|Od|От|Kimden|Lähettäjä|Feladó|Από|من|المرسل)\\s*:\\s*\\*?\\s*\\S",
            FLAGS);
    private static final Pattern HEADER_LINE = Pattern.compile(
            "^\\s*\\*?\\s*(Sent|Date|To|Cc|Subject|Envoyé|À|A|Objet|Gesendet|Datum|An|Betreff|Inviato|Data|Oggetto"
                    + "|Enviado|Fecha|Para|Asunto|Assunto|Verzonden|Aan|Onderwerp|Skickat|Till|Ämne|Sendt|Til|Emne"
                    + "|Wysłano|Do|Temat|Отправлено|Дата|Кому|Тема|Gönderildi|Tarih|Kime|Konu"
                    + "|تاريخ الإرسال|التاريخ|إلى|الى|نسخة|نسخة إلى|الموضوع|أرسل|تم الإرسال)\\s*:",
            FLAGS);
    private static final Pattern FORWARD_MARKER = Pattern.compile(
            "^\\s*[-_=*]*\\s*(Forwarded message|Begin forwarded message|Weitergeleitete Nachricht|Message transféré"
                    + "|Mensaje reenviado|Messaggio inoltrato|Mensagem encaminhada|Doorgestuurd bericht"
                    + "|Пересылаемое сообщение|رسالة معاد توجيهها|الرسالة المعاد توجيهها|رسالة مُعاد توجيهها)"
                    + "\\s*[-_=*]*\\s*:?\\s*$",
            FLAGS);
    private static final Pattern SEPARATOR = Pattern.compile("^\\s*[-_=*]*\\s*$");
    private static final Pattern UNDERSCORES = Pattern.compile("^\\s*_{5,}\\s*$");
    private static final Pattern MOBILE_SIGNATURE = Pattern.compile(
            "^\\s*(Sent from my \\S+( \\S+){0,3}"
                    + "|Sent from (Mail|Outlook|Yahoo Mail|Samsung Mobile|my mobile device)( for \\S+( \\S+){0,2})?"
                    + "|Sent via \\S+( \\S+){0,3}|Sent with \\S+( \\(\\S+\\))?|Get Outlook for (iOS|Android)"
                    + "|Envoyé de mon \\S+( \\S+){0,2}|Enviado desde mi \\S+( \\S+){0,2}|Enviado do meu \\S+( \\S+){0,2}"
                    + "|Inviato da(l mio)? \\S+( \\S+){0,2}|Von meinem \\S+( \\S+){0,2} gesendet"
                    + "|Verzonden (vanaf|met) (mijn )?\\S+( \\S+){0,2}|Skickat från min \\S+( \\S+){0,2}"
                    + "|(أرسلت|أُرسلت|ارسلت|مرسل|مُرسل|تم الإرسال|تم ارسالها) من (الـ ?|جهاز )?\\S+( \\S+){0,3})\\s*[.!]?\\s*$",
            FLAGS);

    private QuoteStripper() {}

    public static String strip(String text) {
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
        List<String> lines = Arrays.asList(normalized.split("\n", -1));
        List<String> kept = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (isQuoted(line)) {
                i++;
                continue;
            }
            int span = attributionSpan(lines, i);
            if (span > 0) {
                int next = nextNonBlank(lines, i + span);
                if (next < lines.size() && isQuoted(lines.get(next))) {
                    i += span;
                    continue;
                }
                if (ATTRIBUTION_PREFIX.matcher(clean(line)).find()) {
                    break; // the history that follows is not quoted with '>'
                }
            }
            if (FORWARD_MARKER.matcher(clean(line)).matches()) {
                // A forwarded message is what the customer wants us to read: keep it, headers included.
                while (i < lines.size() && !lines.get(i).isBlank()) {
                    kept.add(lines.get(i++));
                }
                continue;
            }
            if (isHistoryStart(lines, i)) {
                break;
            }
            kept.add(line);
            i++;
        }
        List<String> body = withoutSignatures(kept);
        String result = String.join("\n", body).replaceAll("\n{3,}", "\n\n").strip();
        return result.isEmpty() ? normalized.strip() : result;
    }

    private static List<String> withoutSignatures(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.equals("-- ") || line.equals("--") && shortTail(lines, i + 1, 10)) {
                break;
            }
            if (UNDERSCORES.matcher(line).matches() && shortTail(lines, i + 1, 8)) {
                break;
            }
            if (MOBILE_SIGNATURE.matcher(clean(line)).matches()) {
                continue;
            }
            out.add(line);
        }
        // A separator left dangling above removed history ("-----", "_____") says nothing.
        while (!out.isEmpty() && SEPARATOR.matcher(out.get(out.size() - 1)).matches()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static boolean shortTail(List<String> lines, int from, int maxNonBlank) {
        return lines.subList(from, lines.size()).stream()
                        .filter(l -> !l.isBlank())
                        .count()
                <= maxNonBlank;
    }

    static boolean isQuoted(String line) {
        return line.stripLeading().startsWith(">");
    }

    /** How many lines (1–3) an attribution starting at {@code i} spans; 0 when there is none. */
    private static int attributionSpan(List<String> lines, int i) {
        StringBuilder joined = new StringBuilder();
        for (int k = 1; k <= 3 && i + k - 1 < lines.size(); k++) {
            String line = clean(lines.get(i + k - 1));
            if (line.isBlank() || isQuoted(line) || line.length() > 300) {
                return 0;
            }
            if (k > 1) {
                joined.append(' ');
            }
            joined.append(line.strip());
            String candidate = joined.toString();
            if (candidate.endsWith(":") && ATTRIBUTION_VERB.matcher(candidate).find()) {
                // Wrapped attributions start like one ("On …", "Le …") or with a date ("02.04.2012 …").
                String first = clean(lines.get(i)).strip();
                boolean plausible = k == 1
                        || ATTRIBUTION_PREFIX.matcher(first).find()
                        || !first.isEmpty() && Character.isDigit(first.charAt(0));
                return plausible ? k : 0;
            }
        }
        return 0;
    }

    private static boolean isHistoryStart(List<String> lines, int i) {
        String line = clean(lines.get(i));
        if (ORIGINAL_MESSAGE.matcher(line).matches()) {
            return true;
        }
        if (UNDERSCORES.matcher(line).matches()) {
            int next = nextNonBlank(lines, i + 1);
            return next < lines.size() && next <= i + 2 && isHeaderBlock(lines, next);
        }
        return isHeaderBlock(lines, i);
    }

    /** "From: …" followed, within six lines, by at least two other header fields. */
    private static boolean isHeaderBlock(List<String> lines, int i) {
        if (!FROM_LINE.matcher(clean(lines.get(i))).find()) {
            return false;
        }
        int fields = 0;
        for (int j = i + 1; j < Math.min(lines.size(), i + 7); j++) {
            if (HEADER_LINE.matcher(clean(lines.get(j))).find()) {
                fields++;
            }
        }
        return fields >= 2;
    }

    private static int nextNonBlank(List<String> lines, int from) {
        int j = from;
        while (j < lines.size() && lines.get(j).isBlank()) {
            j++;
        }
        return j;
    }

    private static String clean(String line) {
        return BIDI.matcher(line).replaceAll("").replace('\u00A0', ' ');
    }
}
