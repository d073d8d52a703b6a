package dev.switchboard.router.understanding;

import dev.switchboard.router.config.NegationRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether a match is negated: a negator, then at most {@link #MAX_FILLERS} filler words, right
 * before it. Works on normalized text.
 */
public final class Negation {
    static final Negation NONE = new Negation(List.of(), List.of());
    private static final int MAX_FILLERS = 2;
    private static final int LOOK_BACK = 60;

    private final Pattern before;
    private final Pattern inside;

    private Negation(List<String> negators, List<String> fillers) {
        List<String> n = normalized(negators);
        List<String> f = normalized(fillers);
        this.inside =
                n.isEmpty() ? null : Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternation(n) + ")(?![\\p{L}\\p{N}])");
        this.before = n.isEmpty()
                ? null
                : Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternation(n) + ")"
                        + (f.isEmpty() ? "" : "(?:\\s+(?:" + alternation(f) + ")){0," + MAX_FILLERS + "}")
                        + "\\s*$");
    }

    public static Negation of(Collection<NegationRules> rules) {
        List<String> negators = new ArrayList<>();
        List<String> fillers = new ArrayList<>();
        rules.forEach(r -> {
            negators.addAll(r.negators());
            fillers.addAll(r.fillers());
        });
        return new Negation(negators, fillers);
    }

    /** Whether the match starting at {@code start} of the normalized text is negated. */
    boolean negates(String text, int start) {
        if (before == null) {
            return false;
        }
        String window = text.substring(Math.max(0, start - LOOK_BACK), start);
        return before.matcher(window).find();
    }

    /** Whether a rule's own words contain a negation, so negation must not be checked again. */
    boolean containsNegator(String normalizedTerm) {
        return inside != null && inside.matcher(normalizedTerm).find();
    }

    private static List<String> normalized(List<String> words) {
        return words.stream()
                .map(TextNormalizer::normalize)
                .filter(w -> !w.isEmpty())
                .distinct()
                .toList();
    }

    private static String alternation(List<String> words) {
        return words.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(w -> Pattern.quote(w).replace(" ", "\\E\\s+\\Q"))
                .collect(Collectors.joining("|"));
    }
}
