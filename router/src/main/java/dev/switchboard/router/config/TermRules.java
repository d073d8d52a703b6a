package dev.switchboard.router.config;

import java.util.List;

/**
 * Words that signal one intent or signal in one language.
 *
 * <ul>
 *   <li>{@code keywords}: single words or stems. English matches the word and its common endings
 *       ({@code refund} matches refunds, refunded, refunding); a trailing {@code *} matches any
 *       ending ({@code cancel*}). Arabic matches with the attached prefixes customers write
 *       (و، ف، ب، ل، ك، ال: {@code استرداد} matches والاسترداد) and any ending.
 *   <li>{@code phrases}: several words in order, spaces flexible; they count more than keywords.
 *   <li>{@code patterns}: Java regular expressions over the normalized text (lower case, Arabic
 *       folded, digits ASCII), for what words cannot say.
 *   <li>{@code hints}: regular expressions for weak evidence that counts like a keyword and should
 *       only decide when nothing stronger is there (a question about "it" is probably about a
 *       product).
 * </ul>
 *
 * @param weight multiplies every match of this entry (default 1)
 */
public record TermRules(
        List<String> keywords, List<String> phrases, List<String> patterns, List<String> hints, Double weight) {
    public TermRules {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        phrases = phrases == null ? List.of() : List.copyOf(phrases);
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
        hints = hints == null ? List.of() : List.copyOf(hints);
        weight = weight == null ? 1.0 : weight;
        if (weight <= 0) {
            throw new IllegalArgumentException("weight must be positive, got " + weight);
        }
    }

    public static TermRules of(List<String> keywords, List<String> phrases) {
        return new TermRules(keywords, phrases, List.of(), List.of(), 1.0);
    }
}
