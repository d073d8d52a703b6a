package dev.switchboard.router.priority;

import dev.switchboard.router.config.EscalationRule;
import dev.switchboard.router.config.TermRules;
import dev.switchboard.router.understanding.Evidence;
import dev.switchboard.router.understanding.Money;
import dev.switchboard.router.understanding.TermMatcher;
import dev.switchboard.router.understanding.TextNormalizer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the escalation rules of {@code routing.yaml} on a message, in file order; the first
 * rule whose every condition holds fires, with a detail that says what made it fire ("refund of
 * 1500 SAR is above the 1000 SAR limit").
 */
public final class EscalationPolicy {
    private final List<CompiledRule> rules = new ArrayList<>();

    public EscalationPolicy(List<EscalationRule> rules) {
        for (EscalationRule rule : rules) {
            Map<String, TermMatcher> phrases = new LinkedHashMap<>();
            for (Map.Entry<String, TermRules> e : rule.when().phrases().entrySet()) {
                phrases.put(
                        e.getKey(),
                        TermMatcher.compile(
                                e.getValue(), e.getKey(), "escalation." + rule.name() + ".when.phrases." + e.getKey()));
            }
            this.rules.add(new CompiledRule(rule, phrases));
        }
    }

    public Optional<EscalationDecision> evaluate(EscalationInput input) {
        for (int i = 0; i < rules.size(); i++) {
            Optional<String> why = fires(rules.get(i), input);
            if (why.isPresent()) {
                EscalationRule rule = rules.get(i).rule();
                String detail = rule.detail().isEmpty() ? why.get() : rule.detail() + " (" + why.get() + ")";
                return Optional.of(new EscalationDecision(rule.name(), Optional.ofNullable(rule.role()), detail, i));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fires(CompiledRule compiled, EscalationInput input) {
        EscalationRule.Conditions when = compiled.rule().when();
        List<String> why = new ArrayList<>();
        if (!when.intents().isEmpty()) {
            if (!when.intents().contains(input.intent())) {
                return Optional.empty();
            }
            why.add(input.intent().replace('_', ' ') + " intent");
        }
        if (!when.signals().isEmpty()) {
            Optional<String> signal =
                    when.signals().stream().filter(input.signals()::contains).findFirst();
            if (signal.isEmpty()) {
                return Optional.empty();
            }
            why.add(signal.get().replace('-', ' '));
        }
        if (!when.tiers().isEmpty()) {
            Optional<String> tier =
                    input.tier().map(t -> t.toLowerCase(Locale.ROOT)).filter(when.tiers()::contains);
            if (tier.isEmpty()) {
                return Optional.empty();
            }
            why.add(tier.get() + " customer");
        }
        if (!when.amountAbove().isEmpty()) {
            Optional<String> over = overLimit(when.amountAbove(), input.amounts());
            if (over.isEmpty()) {
                return Optional.empty();
            }
            why.add(over.get());
        }
        if (!compiled.phrases().isEmpty()) {
            String normalized = TextNormalizer.normalize(input.text());
            List<Evidence> found = new ArrayList<>();
            compiled.phrases().values().forEach(m -> found.addAll(m.find(normalized)));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            why.add("mentions " + found.get(0).describe());
        }
        return Optional.of(String.join(", ", why));
    }

    private static Optional<String> overLimit(Map<String, BigDecimal> limits, List<Money> amounts) {
        return amounts.stream()
                .filter(m -> limits.containsKey(m.currency()) && m.amount().compareTo(limits.get(m.currency())) > 0)
                .max((a, b) -> a.amount().compareTo(b.amount()))
                .map(m -> "amount " + m.amount().toPlainString() + " " + m.currency() + " is above the "
                        + limits.get(m.currency()).toPlainString() + " " + m.currency() + " limit");
    }

    private record CompiledRule(EscalationRule rule, Map<String, TermMatcher> phrases) {}
}
