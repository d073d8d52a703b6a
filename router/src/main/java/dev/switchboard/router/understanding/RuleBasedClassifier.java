package dev.switchboard.router.understanding;

import dev.switchboard.router.config.RoutingRules;
import dev.switchboard.router.config.TermRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies by the intent rules of {@code routing.yaml}: each intent scores the weights of its
 * keywords, phrases and patterns found in the text, in every configured language (customers mix
 * them: "the order ما وصل", "ابغى اغير الـ email"); the highest score wins, ties go to the intent
 * written first in the file, and a best score under {@code min-intent-score} is {@code other}.
 *
 * <p>Where a match stands counts: the subject names the request more often than not
 * ({@link #SUBJECT_FACTOR}), and customers state their main request first, so a match early in
 * the body counts up to {@link #EARLY_BONUS} more than one at its end ("cancel it and refund me"
 * is a cancellation). A keyword or phrase right after a negation does not count ("I don't want a
 * refund"). Confidence is the winner's share of all scores, damped for thin evidence: one keyword
 * alone is never "sure". Known limits: no sense of tense beyond the rules' own words ("I returned
 * it" and "I want to return it" both say return), no coreference, no spelling correction.
 */
public final class RuleBasedClassifier implements IntentClassifier {
    static final double SUBJECT_FACTOR = 1.5;
    static final double EARLY_BONUS = 0.3;
    private static final double SURE_SCORE = 4.0;

    private final Map<String, List<TermMatcher>> matchers;
    private final LiteralIndex index;
    private final List<String> order;
    private final double minScore;
    private final String name;

    public RuleBasedClassifier(RoutingRules rules) {
        this.name = rules.classifierName();
        this.minScore = rules.minIntentScore();
        this.order = List.copyOf(rules.intents().keySet());
        this.matchers = new LinkedHashMap<>();
        Negation negation = Negation.of(rules.negations().values());
        rules.intents().forEach((intent, byLanguage) -> {
            List<TermMatcher> compiled = new ArrayList<>();
            for (Map.Entry<String, TermRules> e : byLanguage.entrySet()) {
                java.util.Set<String> elsewhere = new java.util.HashSet<>();
                byLanguage.forEach((otherLanguage, other) -> {
                    if (!otherLanguage.equals(e.getKey())) {
                        other.keywords().forEach(k -> elsewhere.add(TextNormalizer.normalize(k)));
                        other.phrases().forEach(k -> elsewhere.add(TextNormalizer.normalize(k)));
                    }
                });
                compiled.add(TermMatcher.compile(
                                e.getValue(),
                                e.getKey(),
                                "intents." + intent + "." + e.getKey(),
                                rules.negationAppliesTo().contains(intent) ? negation : Negation.NONE)
                        .withCodeSwitchDuplicates(elsewhere));
            }
            matchers.put(intent, compiled);
        });
        this.index =
                LiteralIndex.of(matchers.values().stream().flatMap(List::stream).toList());
        matchers.replaceAll((intent, compiled) ->
                compiled.stream().map(m -> m.indexedBy(index)).toList());
    }

    @Override
    public IntentResult classify(MessageText text, String language) {
        TermMatcher.Text subject = new TermMatcher.Text(
                text.subject().map(TextNormalizer::normalize).orElse(""), index);
        TermMatcher.Text body = new TermMatcher.Text(TextNormalizer.normalize(text.body()), index);
        int bodyLength = body.normalized().length();
        List<Scored> scores = new ArrayList<>();
        for (Map.Entry<String, List<TermMatcher>> intent : matchers.entrySet()) {
            double score = 0;
            List<Evidence> evidence = new ArrayList<>();
            for (TermMatcher matcher : intent.getValue()) {
                for (Evidence e : matcher.find(subject, language)) {
                    score += e.weight() * SUBJECT_FACTOR;
                    evidence.add(e);
                }
                for (Evidence e : matcher.find(body, language)) {
                    double early = 1.0 - (double) e.position() / Math.max(1, bodyLength);
                    score += e.weight() * (1.0 + EARLY_BONUS * early);
                    evidence.add(e);
                }
            }
            if (score > 0) {
                scores.add(new Scored(intent.getKey(), score, evidence));
            }
        }
        if (scores.isEmpty()) {
            return IntentResult.other(name);
        }
        scores.sort(
                Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(s -> order.indexOf(s.intent())));
        Scored best = scores.get(0);
        if (best.score() < minScore) {
            return new IntentResult("other", 0.0, describe(best.evidence()), name);
        }
        double total = scores.stream().mapToDouble(Scored::score).sum();
        double confidence = (best.score() / total) * Math.min(1.0, best.score() / SURE_SCORE);
        return new IntentResult(best.intent(), round(confidence), describe(best.evidence()), name);
    }

    private static List<String> describe(List<Evidence> evidence) {
        return evidence.stream().map(Evidence::describe).distinct().toList();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private record Scored(String intent, double score, List<Evidence> evidence) {}
}
