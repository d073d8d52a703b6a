package dev.switchboard.router.understanding;

import dev.switchboard.router.config.TermRules;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The compiled form of a {@link TermRules}: finds every keyword, phrase and pattern in a
 * normalized text and says which text matched.
 *
 * <p>Keywords and phrases are compiled with word boundaries that suit the language: English
 * words match with their common endings; Arabic words match with the prefixes written attached
 * to them (conjunctions و ف, prepositions ب ل ك, the article ال and لل) and any suffix
 * (pronouns, plurals, duals). Keywords count {@link #KEYWORD_WEIGHT}, phrases and patterns
 * {@link #PHRASE_WEIGHT}, each times the entry's weight.
 */
public final class TermMatcher {
    static final double KEYWORD_WEIGHT = 1.0;
    static final double PHRASE_WEIGHT = 2.0;
    /** Hints lose to a keyword: they only decide when nothing else matched. */
    static final double HINT_WEIGHT = 0.75;

    private static final String LETTER = "[\\p{L}\\p{M}\\p{N}_]";
    // Attached prefixes: conjunctions (و ف), then prepositions and the article (ب ل ك ال لل,
    // colloquial عال for على ال).
    private static final String ARABIC_PREFIXES = "(?:[وف]?(?:بال|كال|وال|فال|عال|لل|ال|[بلك])?)";
    // Keywords (stems) also take the verb prefixes of the present and future (ب ه ح س, then ا ن ي
    // ت), so "اتتبع" and "هيوصل" match the stems تتبع and وصل. Phrases are written as said, so
    // their words take only the nominal prefixes.
    private static final String ARABIC_KEYWORD_PREFIXES = "(?:[وف]?(?:بال|كال|وال|فال|عال|لل|ال|[بلك]|[بهحس]?[انيت])?)";
    private static final String ENGLISH_ENDINGS = "(?:s|es|ed|d|ing|ment|ments|ly)?";

    private final List<Term> terms;
    private final Negation negation;
    private final String language;

    private TermMatcher(List<Term> terms, Negation negation, String language) {
        this.terms = List.copyOf(terms);
        this.negation = negation;
        this.language = language;
    }

    /**
     * @param language a BCP 47 primary tag; {@code ar} gets Arabic affix handling, every other
     *     language English-like word boundaries
     * @param where names the rules in error messages ({@code intents.refund.ar})
     */
    public static TermMatcher compile(TermRules rules, String language, String where) {
        return compile(rules, language, where, Negation.NONE);
    }

    /** With negation: a keyword or phrase right after a negator ("don't want a refund") does not count. */
    public static TermMatcher compile(TermRules rules, String language, String where, Negation negation) {
        boolean arabic = language.equals("ar");
        List<Term> terms = new ArrayList<>();
        for (String keyword : rules.keywords()) {
            terms.add(new Term(
                    keyword,
                    wordPattern(keyword, arabic, false),
                    KEYWORD_WEIGHT * rules.weight(),
                    !negation.containsNegator(TextNormalizer.normalize(keyword)),
                    Typos.stem(keyword),
                    false,
                    requiredLiteral(keyword)));
        }
        for (String phrase : rules.phrases()) {
            terms.add(new Term(
                    phrase,
                    wordPattern(phrase, arabic, true),
                    PHRASE_WEIGHT * rules.weight(),
                    !negation.containsNegator(TextNormalizer.normalize(phrase)),
                    java.util.Optional.empty(),
                    false,
                    requiredLiteral(phrase)));
        }
        for (String pattern : rules.patterns()) {
            terms.add(regexTerm(pattern, PHRASE_WEIGHT * rules.weight(), where));
        }
        for (String hint : rules.hints()) {
            terms.add(regexTerm(hint, HINT_WEIGHT * rules.weight(), where));
        }
        return new TermMatcher(terms, negation, language);
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    private static Term regexTerm(String regex, double weight, String where) {
        try {
            // Patterns match normalized text: fold their Arabic letters the same way (ى → ي, …).
            return new Term(
                    regex,
                    Pattern.compile(ArabicNormalizer.normalize(regex)),
                    weight,
                    false,
                    java.util.Optional.empty());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    where + ": pattern '" + regex + "' is not a valid regular expression: " + e.getDescription());
        }
    }

    /**
     * Every entry that matches the normalized text, once per entry, with the first text it matched
     * that is not negated.
     */
    public List<Evidence> find(String normalizedText) {
        return find(normalizedText, language);
    }

    /**
     * As {@link #find(String)}, for a message in {@code messageLanguage}: English words listed again
     * under another language ("refund" under {@code ar}) are there to count twice in code-switched
     * messages of that language ("ابي refund"), and count only in them. Arabizi words ("raje3")
     * count everywhere: Arabizi is written in Latin letters and often detected as English.
     */
    public List<Evidence> find(String normalizedText, String messageLanguage) {
        List<Evidence> found = new ArrayList<>();
        List<Typos.Token> tokens = null;
        boolean foreignLatin = !language.equals(messageLanguage);
        for (Term term : terms) {
            if (foreignLatin && term.codeSwitchOnly()) {
                continue;
            }
            boolean matched = false;
            // The regex runs only where its longest word is in the text: most of the hundreds of
            // entries are not, and an indexOf costs a fraction of a regex scan with lookbehinds.
            Matcher m = term.literal().isEmpty()
                            || normalizedText.contains(term.literal().get())
                    ? term.pattern().matcher(normalizedText)
                    : null;
            while (m != null && !matched && m.find()) {
                if (!term.negatable() || !negation.negates(normalizedText, m.start())) {
                    found.add(new Evidence(term.rule(), m.group().trim(), term.weight(), m.start()));
                    matched = true;
                }
            }
            if (!matched && term.typoStem().isPresent()) {
                tokens = tokens == null ? Typos.tokens(normalizedText) : tokens;
                for (Typos.Token token : tokens) {
                    if (term.typoStem().get().matches(token.text())
                            && (!term.negatable() || !negation.negates(normalizedText, token.start()))) {
                        found.add(new Evidence(term.rule(), token.text(), term.weight(), token.start()));
                        break;
                    }
                }
            }
        }
        return found;
    }

    private static Pattern wordPattern(String term, boolean arabic, boolean phrase) {
        // Customers type "sign-up" and "sign up", "e-mail" and "e mail" alike.
        return Pattern.compile(wordRegex(term, arabic, phrase).replace("\\s+", "[\\s-]+"));
    }

    private static String wordRegex(String term, boolean arabic, boolean phrase) {
        String normalized = TextNormalizer.normalize(term);
        boolean open = normalized.endsWith("*");
        if (open) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        String[] words = normalized.split(" ");
        StringBuilder regex = new StringBuilder("(?<!" + LETTER + ")");
        for (int i = 0; i < words.length; i++) {
            if (i > 0) {
                regex.append("\\s+");
            }
            boolean arabicWord = arabic && words[i].codePoints().anyMatch(TermMatcher::isArabicLetter);
            if (arabicWord && (i == 0 || phrase)) {
                regex.append(phrase || words.length > 1 ? ARABIC_PREFIXES : ARABIC_KEYWORD_PREFIXES);
            }
            regex.append(Pattern.quote(words[i]));
            boolean last = i == words.length - 1;
            if (arabicWord) {
                // Arabic suffixes (pronouns, plurals) attach to the word; very short words need an
                // end so that e.g. "لا" does not match every word starting with it.
                regex.append(words[i].length() <= 2 && !open ? "(?!" + LETTER + ")" : LETTER + "*");
            } else if (open && last) {
                regex.append(LETTER + "*");
            } else if (last || !phrase) {
                regex.append(ENGLISH_ENDINGS).append("(?!" + LETTER + ")");
            }
        }
        return regex.toString();
    }

    /**
     * Text every match of a keyword or phrase contains: its longest word as normalized, since
     * affixes and separators only ever surround the words.
     */
    private static java.util.Optional<String> requiredLiteral(String term) {
        String normalized = TextNormalizer.normalize(term);
        if (normalized.endsWith("*")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        String longest = "";
        for (String word : normalized.split(" ")) {
            if (word.length() > longest.length()) {
                longest = word;
            }
        }
        return longest.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(longest);
    }

    private static boolean isArabicLetter(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC && Character.isLetter(cp);
    }

    /** @param literal text every match contains, when known: the regex is skipped without it */
    private record Term(
            String rule,
            Pattern pattern,
            double weight,
            boolean negatable,
            java.util.Optional<Typos.Stem> typoStem,
            boolean codeSwitchOnly,
            java.util.Optional<String> literal) {
        Term(String rule, Pattern pattern, double weight, boolean negatable, java.util.Optional<Typos.Stem> typoStem) {
            this(rule, pattern, weight, negatable, typoStem, false, java.util.Optional.empty());
        }

        Term asCodeSwitchOnly() {
            return new Term(rule, pattern, weight, negatable, typoStem, true, literal);
        }
    }

    /**
     * The same rules, with the entries that repeat one of {@code otherLanguageTerms} (normalized)
     * counting only in messages of this matcher's language.
     */
    public TermMatcher withCodeSwitchDuplicates(java.util.Set<String> otherLanguageTerms) {
        List<Term> marked = new ArrayList<>();
        for (Term t : terms) {
            marked.add(otherLanguageTerms.contains(TextNormalizer.normalize(t.rule())) ? t.asCodeSwitchOnly() : t);
        }
        return new TermMatcher(marked, negation, language);
    }
}
