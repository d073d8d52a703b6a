package dev.switchboard.router.understanding;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps what the customer wrote in this message: drops quoted lines ({@code > …}) and everything
 * after a reply or forward header ("On Tue, … wrote:", "-----Original Message-----", "From: …",
 * "في … كتب:"). Ingest already removes quotes and signatures from {@code bodyText}; this is the
 * classifier's own guard for text that still carries them (other sources, evaluation sets), so a
 * quoted agent reply never sets the intent.
 */
final class QuoteTrimmer {
    private static final List<Pattern> CUT_AT = List.of(
            Pattern.compile("^\\s*on\\b.{0,200}\\bwrote:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile(
                    "^\\s*-{2,}\\s*(original message|forwarded message|رساله اصليه|الرسالة الأصلية)",
                    Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*(from|de|von|من)\\s*:\\s*\\S+.*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*(في|بتاريخ).{0,200}(كتب|كتبت)\\s*:\\s*$"),
            Pattern.compile("^\\s*_{5,}\\s*$"),
            Pattern.compile("^\\s*sent from my \\w+", Pattern.CASE_INSENSITIVE));

    private QuoteTrimmer() {}

    static String trim(String body) {
        if (body == null || body.isEmpty()) {
            return "";
        }
        String[] lines = body.split("\\R", -1);
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (!kept.isEmpty() && CUT_AT.stream().anyMatch(p -> p.matcher(line).find())) {
                break;
            }
            if (line.stripLeading().startsWith(">")) {
                continue;
            }
            kept.add(line);
        }
        return String.join("\n", kept).strip();
    }
}
