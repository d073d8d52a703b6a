package dev.switchboard.router.config;

import java.util.List;

/**
 * Words that turn a request around when they stand right before it ("I don't want a refund",
 * "not a return", "ما بدي بديل"), and the small words that may stand between them and the
 * request ("a", "the", "to", "اي"). A term that itself contains a negation ("never arrived",
 * "ما وصل") is never negated.
 */
public record NegationRules(List<String> negators, List<String> fillers) {
    public NegationRules {
        negators = negators == null ? List.of() : List.copyOf(negators);
        fillers = fillers == null ? List.of() : List.copyOf(fillers);
    }
}
