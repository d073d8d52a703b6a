package dev.switchboard.router.understanding;

import dev.switchboard.router.config.TermRules;
import java.util.ArrayList;
import java.util.BitSet;
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
    /** The index the terms' literal ids refer to, or null when they have none. */
    private final LiteralIndex index;
    /** The terms by what makes them candidates, when bound to an index. */
    private final BoundTerms bound;

    private TermMatcher(List<Term> terms, Negation negation, String language) {
        this(terms, negation, language, null);
    }

    private TermMatcher(List<Term> terms, Negation negation, String language, LiteralIndex index) {
        this.terms = List.copyOf(terms);
        this.negation = negation;
        this.language = language;
        this.index = index;
        this.bound = index == null ? null : new BoundTerms(this.terms, index.size());
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
                    requiredLiteral(keyword),
                    Anchor.of(keyword, arabic)));
        }
        for (String phrase : rules.phrases()) {
            terms.add(new Term(
                    phrase,
                    wordPattern(phrase, arabic, true),
                    PHRASE_WEIGHT * rules.weight(),
                    !negation.containsNegator(TextNormalizer.normalize(phrase)),
                    java.util.Optional.empty(),
                    requiredLiteral(phrase),
                    Anchor.of(phrase, arabic)));
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
            String normalized = ArabicNormalizer.normalize(regex);
            return new Term(
                    regex,
                    Pattern.compile(normalized),
                    weight,
                    false,
                    java.util.Optional.empty(),
                    RequiredText.of(normalized),
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
        return find(new Text(normalizedText), language);
    }

    /** As {@link #find(String)}, for a text shared by several matchers. */
    public List<Evidence> find(Text text) {
        return find(text, language);
    }

    /** As {@link #find(Text, String)}, for text normalized by the caller. */
    public List<Evidence> find(String normalizedText, String messageLanguage) {
        return find(new Text(normalizedText), messageLanguage);
    }

    /**
     * Every entry that matches, once per entry, with the first text it matched that is not negated,
     * for a message in {@code messageLanguage}: English words listed again under another language
     * ("refund" under {@code ar}) are there to count twice in code-switched messages of that
     * language ("ابي refund"), and count only in them. Arabizi words ("raje3") count everywhere:
     * Arabizi is written in Latin letters and often detected as English.
     */
    public List<Evidence> find(Text text, String messageLanguage) {
        List<Evidence> found = new ArrayList<>();
        boolean foreignLatin = !language.equals(messageLanguage);
        if (bound != null && text.index() == index) {
            // Only the entries whose literal is in the text, that need none, or whose typo stem
            // may be near a word of it can match: a few of the hundreds, found from the text.
            Candidates candidates = bound.candidates(text);
            BitSet any = (BitSet) candidates.literal().clone();
            any.or(candidates.typo());
            for (int i = any.nextSetBit(0); i >= 0; i = any.nextSetBit(i + 1)) {
                Term term = terms.get(i);
                if (!(foreignLatin && term.codeSwitchOnly())) {
                    match(term, text, candidates.literal().get(i), found);
                }
            }
            return found;
        }
        String normalizedText = text.normalized();
        for (Term term : terms) {
            if (foreignLatin && term.codeSwitchOnly()) {
                continue;
            }
            // Most of the hundreds of entries are not in a given text, and an indexOf of the
            // entry's longest word costs a fraction of a regex scan with lookbehinds.
            match(
                    term,
                    text,
                    term.required().isEmpty() || term.required().stream().anyMatch(normalizedText::contains),
                    found);
        }
        return found;
    }

    private void match(Term term, Text text, boolean candidate, List<Evidence> found) {
        Evidence match = candidate ? firstMatch(term, text.normalized()) : null;
        if (match == null && term.typoStem().isPresent()) {
            match = firstTypo(term, text);
        }
        if (match != null) {
            found.add(match);
        }
    }

    /** The first match of the term's regex that is not negated, or null. */
    private Evidence firstMatch(Term term, String normalizedText) {
        Matcher m = term.pattern().matcher(normalizedText);
        if (term.anchor().isEmpty()) {
            while (m.find()) {
                if (!term.negatable() || !negation.negates(normalizedText, m.start())) {
                    return new Evidence(term.rule(), m.group().trim(), term.weight(), m.start());
                }
            }
            return null;
        }
        // A match starts at its first word, or at most a few prefix letters before it. So the
        // regex is tried only there (lookingAt, with the text around visible to its lookarounds)
        // instead of at every position of the text, in the order and with the overlaps that
        // find() would give.
        Anchor anchor = term.anchor().get();
        m.useTransparentBounds(true).useAnchoringBounds(false);
        int from = 0;
        int at = normalizedText.indexOf(anchor.word());
        while (at >= 0) {
            boolean matchedHere = false;
            for (int start = Math.max(from, at - anchor.maxPrefix()); start <= at && !matchedHere; start++) {
                m.region(start, normalizedText.length());
                if (m.lookingAt()) {
                    if (!term.negatable() || !negation.negates(normalizedText, m.start())) {
                        return new Evidence(term.rule(), m.group().trim(), term.weight(), m.start());
                    }
                    from = m.end();
                    matchedHere = true;
                }
            }
            at = normalizedText.indexOf(anchor.word(), Math.max(at + 1, from));
        }
        return null;
    }

    private Evidence firstTypo(Term term, Text text) {
        for (Typos.Token token : text.tokens()) {
            if (term.typoStem().get().matches(token.text())
                    && (!term.negatable() || !negation.negates(text.normalized(), token.start()))) {
                return new Evidence(term.rule(), token.text(), term.weight(), token.start());
            }
        }
        return null;
    }

    /**
     * A normalized text, with what matching derives from it computed once for all the matchers it
     * goes through.
     */
    public static final class Text {
        private final String normalized;
        private final LiteralIndex index;
        private List<Typos.Token> tokens;
        private int leadingLetters;
        private BitSet present;

        public Text(String normalized) {
            this(normalized, null);
        }

        /** A text the matchers bound to {@code index} test for their literals in one pass. */
        public Text(String normalized, LiteralIndex index) {
            this.normalized = normalized;
            this.index = index;
        }

        public String normalized() {
            return normalized;
        }

        LiteralIndex index() {
            return index;
        }

        List<Typos.Token> tokens() {
            if (tokens == null) {
                tokens = Typos.tokens(normalized);
                leadingLetters = Typos.leadingLetters(tokens);
            }
            return tokens;
        }

        int leadingLetters() {
            tokens();
            return leadingLetters;
        }

        BitSet present() {
            if (present == null) {
                present = index.present(normalized);
            }
            return present;
        }
    }

    /**
     * A matcher's entries by what makes them candidates in a text of its {@link LiteralIndex}: the
     * literal they need, none, or a typo stem's leading letters.
     */
    private static final class BoundTerms {
        private final int size;
        /** literal id → the entries needing it */
        private final int[][] byLiteral;

        private final int[] needNothing;
        private final int[] typoTerms;
        private final int[] typoLetters;

        BoundTerms(List<Term> terms, int literals) {
            this.size = terms.size();
            List<List<Integer>> byId = new ArrayList<>();
            for (int id = 0; id < literals; id++) {
                byId.add(null);
            }
            List<Integer> nothing = new ArrayList<>();
            List<Integer> typos = new ArrayList<>();
            for (int i = 0; i < terms.size(); i++) {
                Term t = terms.get(i);
                if (t.required().isEmpty()) {
                    nothing.add(i);
                }
                for (int id : t.requiredIds()) {
                    if (byId.get(id) == null) {
                        byId.set(id, new ArrayList<>());
                    }
                    byId.get(id).add(i);
                }
                if (t.typoStem().isPresent()) {
                    typos.add(i);
                }
            }
            this.byLiteral = byId.stream()
                    .map(l -> l == null
                            ? null
                            : l.stream().mapToInt(Integer::intValue).toArray())
                    .toArray(int[][]::new);
            this.needNothing = nothing.stream().mapToInt(Integer::intValue).toArray();
            this.typoTerms = typos.stream().mapToInt(Integer::intValue).toArray();
            this.typoLetters = typos.stream()
                    .mapToInt(i ->
                            Typos.leadingLetters(terms.get(i).typoStem().get().stem()))
                    .toArray();
        }

        /**
         * Every entry that may match the text, a superset of those that do: one whose literal is
         * absent has no regex match, and one whose stem shares no leading letter with any word has
         * no typo match ({@link Typos#mayBeWithinOneEdit}).
         */
        Candidates candidates(Text text) {
            BitSet literal = new BitSet(size);
            for (int i : needNothing) {
                literal.set(i);
            }
            BitSet present = text.present();
            for (int id = present.nextSetBit(0); id >= 0; id = present.nextSetBit(id + 1)) {
                int[] entries = byLiteral[id];
                if (entries != null) {
                    for (int i : entries) {
                        literal.set(i);
                    }
                }
            }
            BitSet typo = new BitSet(size);
            if (typoTerms.length > 0) {
                int letters = text.leadingLetters();
                for (int k = 0; k < typoTerms.length; k++) {
                    if ((typoLetters[k] & letters) != 0) {
                        typo.set(typoTerms[k]);
                    }
                }
            }
            return new Candidates(literal, typo);
        }
    }

    /**
     * @param literal the entries whose regex may match: their literal is present, or they need none
     * @param typo the entries whose typo stem may be within one edit of a word of the text
     */
    private record Candidates(BitSet literal, BitSet typo) {}

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
    private static List<String> requiredLiteral(String term) {
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
        return longest.isEmpty() ? List.of() : List.of(longest);
    }

    private static boolean isArabicLetter(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC && Character.isLetter(cp);
    }

    /**
     * Where every match of a keyword or phrase begins: its first word as normalized, after at most
     * {@code maxPrefix} letters of attached Arabic prefixes.
     */
    private record Anchor(String word, int maxPrefix) {
        // The longest of ARABIC_PREFIXES and ARABIC_KEYWORD_PREFIXES: a conjunction and three letters.
        private static final int ARABIC_MAX_PREFIX = 4;

        static java.util.Optional<Anchor> of(String term, boolean arabic) {
            String normalized = TextNormalizer.normalize(term);
            if (normalized.endsWith("*")) {
                normalized = normalized.substring(0, normalized.length() - 1);
            }
            String first = normalized.split(" ")[0];
            if (first.isEmpty()) {
                return java.util.Optional.empty();
            }
            boolean arabicWord = arabic && first.codePoints().anyMatch(TermMatcher::isArabicLetter);
            return java.util.Optional.of(new Anchor(first, arabicWord ? ARABIC_MAX_PREFIX : 0));
        }
    }

    /**
     * @param required text one of which every match contains, when known: the regex is skipped
     *     without it
     * @param anchor where every match begins, when known: the regex is tried only there
     * @param requiredIds the required texts' ids in the matcher's {@link LiteralIndex}
     */
    private record Term(
            String rule,
            Pattern pattern,
            double weight,
            boolean negatable,
            java.util.Optional<Typos.Stem> typoStem,
            boolean codeSwitchOnly,
            List<String> required,
            java.util.Optional<Anchor> anchor,
            int[] requiredIds) {
        Term(
                String rule,
                Pattern pattern,
                double weight,
                boolean negatable,
                java.util.Optional<Typos.Stem> typoStem,
                List<String> required,
                java.util.Optional<Anchor> anchor) {
            this(rule, pattern, weight, negatable, typoStem, false, required, anchor, new int[0]);
        }

        Term asCodeSwitchOnly() {
            return new Term(rule, pattern, weight, negatable, typoStem, true, required, anchor, requiredIds);
        }

        Term withRequiredIds(int[] ids) {
            return new Term(rule, pattern, weight, negatable, typoStem, codeSwitchOnly, required, anchor, ids);
        }
    }

    /** The words the entries need, for a {@link LiteralIndex}. */
    java.util.Set<String> literals() {
        java.util.Set<String> literals = new java.util.LinkedHashSet<>();
        terms.forEach(t -> literals.addAll(t.required()));
        return literals;
    }

    /** The same rules, testing texts built on {@code index} for their literals through it. */
    TermMatcher indexedBy(LiteralIndex index) {
        List<Term> withIds = new ArrayList<>();
        for (Term t : terms) {
            int[] ids = t.required().stream().mapToInt(index::id).toArray();
            if (java.util.Arrays.stream(ids).anyMatch(id -> id < 0)) {
                throw new IllegalArgumentException("the index lacks the literals of '" + t.rule() + "'");
            }
            withIds.add(t.withRequiredIds(ids));
        }
        return new TermMatcher(withIds, negation, language, index);
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
        return new TermMatcher(marked, negation, language, index);
    }
}
