package dev.switchboard.router.understanding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Forgives one typo in long English keywords ("acount", "cancdling", "paymnet", "reufnd"): a word
 * within one edit (insertion, deletion, substitution or swap of neighbours) of the keyword, or of
 * its stem when the keyword is open ({@code cancel*}). Only keywords of {@link #MIN_LENGTH}
 * letters or more, where one edit rarely makes another word; a few real words one edit away from
 * a keyword are never taken for it ({@link #REAL_WORDS}).
 */
final class Typos {
    static final int MIN_LENGTH = 6;
    private static final Pattern WORD = Pattern.compile("[a-z]+");
    private static final Pattern LATIN_KEYWORD = Pattern.compile("[a-z]+\\*?");
    /** Real words one edit from a keyword: "changed" is not "charged", "cancer" not "cancel". */
    private static final Set<String> REAL_WORDS = Set.of(
            "changed",
            "change",
            "changes",
            "charger",
            "cancer",
            "rerun",
            "retune",
            "remind",
            "rotund",
            "refine",
            "account",
            "accounts",
            "counted",
            "accent",
            "relayed",
            "related",
            "resend",
            "reason",
            "delayed",
            "played",
            "locker",
            "docked",
            "shipper",
            "shopped",
            "stopped",
            "tracks",
            "trucks",
            "tricky",
            "payments",
            "damages",
            "managed",
            "invoice",
            "invited",
            "billed",
            "filled",
            "killed",
            "willed");

    private Typos() {}

    /** A keyword as typo matching sees it: its stem and whether any ending may follow. */
    record Stem(String stem, boolean open) {
        boolean matches(String token) {
            // The cheap tests first: this runs for every long keyword against every long word.
            if (!mayBeWithinOneEdit(token, stem) || token.equals(stem)) {
                return false;
            }
            boolean near;
            if (!open) {
                near = Math.abs(token.length() - stem.length()) <= 1 && withinOneEdit(token, stem);
            } else {
                near = false;
                for (int len = stem.length() - 1; len <= stem.length() + 1 && !near; len++) {
                    near = len <= token.length() && withinOneEdit(token, len, stem);
                }
            }
            return near && !REAL_WORDS.contains(token);
        }
    }

    record Token(String text, int start) {}

    /**
     * The letters that begin a word, the first and second, as bits ({@code a} is bit 0): a word can
     * be within one edit of a keyword only if the keyword's first or second letter is among the
     * word's ({@link #mayBeWithinOneEdit}). Keywords and tokens are lower-case Latin letters.
     */
    static int leadingLetters(String word) {
        return bit(word.charAt(0)) | bit(word.charAt(1));
    }

    /** The {@link #leadingLetters} of every token. */
    static int leadingLetters(List<Token> tokens) {
        int letters = 0;
        for (Token token : tokens) {
            letters |= leadingLetters(token.text());
        }
        return letters;
    }

    private static int bit(char letter) {
        return 1 << (letter - 'a');
    }

    static Optional<Stem> stem(String keyword) {
        String k = TextNormalizer.normalize(keyword);
        if (!LATIN_KEYWORD.matcher(k).matches()) {
            return Optional.empty();
        }
        boolean open = k.endsWith("*");
        String stem = open ? k.substring(0, k.length() - 1) : k;
        return stem.length() >= MIN_LENGTH ? Optional.of(new Stem(stem, open)) : Optional.empty();
    }

    static List<Token> tokens(String normalizedText) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(normalizedText);
        while (m.find()) {
            if (m.end() - m.start() >= MIN_LENGTH - 1) {
                tokens.add(new Token(m.group(), m.start()));
            }
        }
        return tokens;
    }

    /**
     * False when no string starting like {@code a} is within one edit of {@code b}: one edit leaves
     * one of the first two letters of each in place or swapped.
     */
    static boolean mayBeWithinOneEdit(String a, String b) {
        if (a.length() < 2 || b.length() < 2) {
            return true;
        }
        char a0 = a.charAt(0);
        char a1 = a.charAt(1);
        return a0 == b.charAt(0) || a1 == b.charAt(1) || a0 == b.charAt(1) || a1 == b.charAt(0);
    }

    /** Optimal string alignment distance ≤ 1. */
    static boolean withinOneEdit(String a, String b) {
        return withinOneEdit(a, a.length(), b);
    }

    /**
     * Whether the first {@code la} letters of {@code a} are within one edit of {@code b}; compares
     * in place, since this runs for every long keyword against every long word.
     */
    static boolean withinOneEdit(String a, int la, String b) {
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        int i = 0;
        while (i < la && i < lb && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == la && i == lb) {
            return true;
        }
        if (la == lb) {
            // one substitution, or a swap of neighbours
            if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) {
                return true;
            }
            return i + 1 < la
                    && a.charAt(i) == b.charAt(i + 1)
                    && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, la - i - 2);
        }
        return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : a.regionMatches(i, b, i + 1, la - i);
    }
}
