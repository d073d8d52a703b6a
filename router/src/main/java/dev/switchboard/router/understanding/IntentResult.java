package dev.switchboard.router.understanding;

import java.util.List;

/**
 * A classifier's decision.
 *
 * @param intent one of {@code RoutingRules.INTENTS}
 * @param confidence 0..1
 * @param evidence what made the decision, readable by an agent ({@code "refund" ("refunded")})
 * @param classifier which classifier decided ({@code rules@2026-11-26})
 */
public record IntentResult(String intent, double confidence, List<String> evidence, String classifier) {
    public IntentResult {
        evidence = List.copyOf(evidence);
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be within 0..1, got " + confidence);
        }
    }

    public static IntentResult other(String classifier) {
        return new IntentResult("other", 0.0, List.of(), classifier);
    }
}
