package dev.switchboard.router.priority;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.RouterFixtures;
import dev.switchboard.router.understanding.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shipped escalation rules of config/routing.yaml. */
class EscalationPolicyTest {
    private final EscalationPolicy policy =
            new EscalationPolicy(RouterFixtures.rules().escalation());

    private static EscalationInput input(String intent, List<String> signals, List<Money> amounts, String text) {
        return new EscalationInput(intent, signals, amounts, Optional.empty(), text, "en");
    }

    @Test
    void refundAboveLimitNeedsApprover() {
        var decision = policy.evaluate(
                input("refund", List.of(), List.of(new Money(new BigDecimal("1500"), "SAR", "1500 ريال")), "refund"));
        assertThat(decision).hasValueSatisfying(d -> {
            assertThat(d.rule()).isEqualTo("refund-over-limit");
            assertThat(d.requiredRole()).contains("refund-approver");
            assertThat(d.detail()).contains("1500 SAR").contains("750 SAR limit");
        });
    }

    @Test
    void refundBelowLimitOrInAnotherCurrencyDoesNotEscalate() {
        assertThat(policy.evaluate(input(
                        "refund", List.of(), List.of(new Money(new BigDecimal("100"), "SAR", "100 SAR")), "refund")))
                .isEmpty();
        assertThat(policy.evaluate(
                        input("refund", List.of(), List.of(new Money(new BigDecimal("100000"), "XYZ", "")), "refund")))
                .isEmpty();
    }

    @Test
    void legalThreatNeedsAManagerWhateverTheIntent() {
        assertThat(policy.evaluate(input("order_status", List.of("legal-threat"), List.of(), "lawyer")))
                .hasValueSatisfying(d -> {
                    assertThat(d.rule()).isEqualTo("legal-threat");
                    assertThat(d.requiredRole()).contains("manager");
                });
    }

    @Test
    void exchangeOutsidePolicyNeedsBothTheIntentAndThePhrase() {
        assertThat(policy.evaluate(
                        input("exchange", List.of(), List.of(), "I bought it three months ago, can I swap it?")))
                .hasValueSatisfying(d -> assertThat(d.rule()).isEqualTo("exchange-outside-policy"));
        assertThat(policy.evaluate(input("refund", List.of(), List.of(), "I bought it three months ago")))
                .isEmpty();
    }

    @Test
    void rulesEarlierInTheFileWin() {
        var decision = policy.evaluate(input(
                "refund",
                List.of("legal-threat"),
                List.of(new Money(new BigDecimal("5000"), "USD", "$5000")),
                "refund or my lawyer calls"));
        assertThat(decision).hasValueSatisfying(d -> {
            assertThat(d.rule()).isEqualTo("legal-threat");
            assertThat(d.precedence()).isZero();
        });
    }
}
