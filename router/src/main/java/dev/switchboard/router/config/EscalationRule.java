package dev.switchboard.router.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One escalation rule: when every condition given holds, the ticket needs an agent with
 * {@code role}. Within a condition any listed value is enough. Rules are tried in file order;
 * the first that fires wins.
 *
 * @param name shown on the ticket ({@code refund-over-limit})
 * @param role the role the assignee must have ({@code refund-approver}); may be absent
 * @param when the conditions
 */
public record EscalationRule(String name, String role, Conditions when, String detail) {
    public EscalationRule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("every escalation rule needs a name");
        }
        when = Objects.requireNonNullElse(when, new Conditions(null, null, null, null, null));
        if (when.isEmpty()) {
            throw new IllegalArgumentException("escalation rule " + name + " has no condition under 'when'");
        }
        detail = detail == null ? "" : detail;
    }

    /**
     * @param intents the message's intent is one of these
     * @param signals the message carries one of these signals ({@code legal-threat}, …)
     * @param amountAbove a money amount in the message is above the limit of its currency (ISO
     *     4217 code); amounts in other currencies never fire
     * @param tiers the customer's tier is one of these
     * @param phrases per language, phrases that fire the rule ({@code custom order})
     */
    public record Conditions(
            List<String> intents,
            List<String> signals,
            Map<String, BigDecimal> amountAbove,
            List<String> tiers,
            Map<String, TermRules> phrases) {
        public Conditions {
            intents = intents == null ? List.of() : List.copyOf(intents);
            signals = signals == null ? List.of() : List.copyOf(signals);
            amountAbove = amountAbove == null ? Map.of() : Map.copyOf(amountAbove);
            tiers = tiers == null ? List.of() : List.copyOf(tiers);
            phrases = phrases == null ? Map.of() : Map.copyOf(phrases);
        }

        boolean isEmpty() {
            return intents.isEmpty()
                    && signals.isEmpty()
                    && amountAbove.isEmpty()
                    && tiers.isEmpty()
                    && phrases.isEmpty();
        }
    }
}
