package dev.switchboard.router.understanding;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one form every rule and every message is matched in: Unicode NFKC (full-width and
 * presentation forms folded), lower case, {@link ArabicNormalizer}, typographic quotes and
 * dashes made plain, a letter repeated three or more times (elongation for emphasis) made one,
 * runs of white space made one space.
 *
 * <p>Rules written in the configuration go through the same function, so a rule written with
 * hamza or diacritics still matches a message typed without them, and the reverse.
 */
public final class TextNormalizer {
    // Three or more of one letter ("soooo", "اسووووأ") is emphasis, not spelling.
    private static final Pattern ELONGATION = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069]+");

    private TextNormalizer() {}

    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = ArabicNormalizer.normalize(s);
        s = s.replace('\u2019', '\'')
                .replace('\u2018', '\'')
                .replace('\u201C', '"')
                .replace('\u201D', '"');
        s = s.replace('\u2013', '-').replace('\u2014', '-');
        s = ELONGATION.matcher(s).replaceAll("$1");
        return SPACES.matcher(s).replaceAll(" ").trim();
    }
}
