package dev.switchboard.router.understanding;

/**
 * Folds the spelling variants of Arabic that customers type interchangeably, so one rule matches
 * them all: alef forms (أ إ آ ٱ → ا), taa marbuta (ة → ه), alef maqsura (ى → ي), hamza carriers
 * (ؤ → و, ئ → ي), diacritics (tashkeel, superscript alef, Quranic marks), tatweel (ـ), and
 * Arabic-Indic (٠-٩) and Persian (۰-۹) digits to ASCII digits, with the Arabic decimal and
 * thousands separators (٫ ٬) to {@code .} and {@code ,}.
 *
 * <p>It answers "are these two spellings the same word for matching?", not "what is the correct
 * spelling?": the folding loses information (ة and ه become one letter), so it is applied to
 * rules and messages alike and never to text shown to people. Text in other scripts passes
 * through unchanged, except the digits.
 */
public final class ArabicNormalizer {
    private ArabicNormalizer() {}

    public static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isDiacritic(c) || c == '\u0640') {
                continue;
            }
            out.append(fold(c));
        }
        return out.toString();
    }

    static char fold(char c) {
        return switch (c) {
            case '\u0623', '\u0625', '\u0622', '\u0671', '\u0672', '\u0673' -> '\u0627'; // أ إ آ ٱ → ا
            case '\u0629' -> '\u0647'; // ة → ه
            case '\u0649' -> '\u064A'; // ى → ي
            case '\u0624' -> '\u0648'; // ؤ → و
            case '\u0626' -> '\u064A'; // ئ → ي
            case '\u06CC' -> '\u064A'; // Persian yeh → ي
            case '\u06A9' -> '\u0643'; // Persian keheh → ك
            case '\u066B' -> '.'; // Arabic decimal separator
            case '\u066C' -> ','; // Arabic thousands separator
            case '\u060C' -> ','; // Arabic comma
            case '\u061F' -> '?'; // Arabic question mark
            case '\u061B' -> ';'; // Arabic semicolon
            default -> {
                if (c >= '\u0660' && c <= '\u0669') {
                    yield (char) ('0' + (c - '\u0660'));
                }
                if (c >= '\u06F0' && c <= '\u06F9') {
                    yield (char) ('0' + (c - '\u06F0'));
                }
                yield c;
            }
        };
    }

    static boolean isDiacritic(char c) {
        return (c >= '\u064B' && c <= '\u065F') // tanween, fatha, damma, kasra, shadda, sukun, …
                || c == '\u0670' // superscript alef
                || (c >= '\u0610' && c <= '\u061A') // honorifics and small high marks
                || (c >= '\u06D6' && c <= '\u06ED' && c != '\u06E5' && c != '\u06E6'); // Quranic marks
    }
}
