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
 * keywords, phrases and patterns found in the text (in the message's language, and in the other
 * configured languages at half weight, since customers mix them: "my order ما وصل"); the highest
 * score wins, ties go to the intent written first in the file, and a best score under
 * {@code min-intent-score} is {@code other}.
 *
 * <p>Confidence is the winner's share of all scores, damped for thin evidence: one keyword alone
 * is never "sure". Known limits: no negation ("I do not want a refund") and no sense of which
 * request is the main one when a message asks several things.
 */
public final class RuleBasedClassifier implements IntentClassifier {
    private static final double OTHER_LANGUAGE_FACTOR = 0.5;
    private static final double SURE_SCORE = 4.0;

    private final Map<String, Map<String, TermMatcher>> matchers;
    private final List<String> order;
    private final double minScore;
    private final String name;

    public RuleBasedClassifier(RoutingRules rules) {
        this.name = rules.classifierName();
        this.minScore = rules.minIntentScore();
        this.order = List.copyOf(rules.intents().keySet());
        this.matchers = new LinkedHashMap<>();
        rules.intents().forEach((intent, byLanguage) -> {
            Map<String, TermMatcher> compiled = new LinkedHashMap<>();
            for (Map.Entry<String, TermRules> e : byLanguage.entrySet()) {
                compiled.put(
                        e.getKey(),
                        TermMatcher.compile(e.getValue(), e.getKey(), "intents." + intent + "." + e.getKey()));
            }
            matchers.put(intent, compiled);
        });
    }

    @Override
    public IntentResult classify(String text, String language) {
        String normalized = TextNormalizer.normalize(text);
        List<Scored> scores = new ArrayList<>();
        for (Map.Entry<String, Map<String, TermMatcher>> intent : matchers.entrySet()) {
            double score = 0;
            List<Evidence> evidence = new ArrayList<>();
            for (Map.Entry<String, TermMatcher> byLanguage : intent.getValue().entrySet()) {
                double factor = byLanguage.getKey().equals(language) ? 1.0 : OTHER_LANGUAGE_FACTOR;
                for (Evidence e : byLanguage.getValue().find(normalized)) {
                    score += e.weight() * factor;
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
