package dev.switchboard.router.priority;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.router.config.PriorityWeights;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PriorityPolicyTest {
    private static final PriorityWeights WEIGHTS = new PriorityWeights(
            Map.of("urgent", 60, "high", 30, "normal", 0),
            Map.of("refund", 10, "product_question", -10),
            Map.of("urgent", 20, "legal-threat", 40),
            15,
            3,
            Map.of("vip", 30));
    private final PriorityPolicy policy = new PriorityPolicy(WEIGHTS);

    private static PriorityInput input(String intent, List<String> signals, Optional<String> tier, int messages) {
        return new PriorityInput(intent, signals, tier, messages, "2h");
    }

    @Test
    void everyContributionIsANamedReason() {
        PriorityScore score = policy.score(input("refund", List.of("urgent"), Optional.of("VIP"), 3));
        assertThat(score.reasons())
                .containsExactly(
                        new Reason("refund intent", 10),
                        new Reason("urgent", 20),
                        new Reason("VIP customer", 30),
                        new Reason("3rd message in 2h while waiting", 30));
        assertThat(score.score()).isEqualTo(90);
        assertThat(score.level()).isEqualTo(PriorityLevel.URGENT);
    }

    @Test
    void aPlainMessageIsNormalAndAProductQuestionLow() {
        assertThat(policy.score(input("order_status", List.of(), Optional.empty(), 1))
                        .level())
                .isEqualTo(PriorityLevel.NORMAL);
        PriorityScore low = policy.score(input("product_question", List.of(), Optional.empty(), 1));
        assertThat(low.level()).isEqualTo(PriorityLevel.LOW);
        assertThat(low.reasons()).containsExactly(new Reason("product question intent", -10));
    }

    @Test
    void legalThreatAloneIsHigh() {
        assertThat(policy.score(input("complaint", List.of("legal-threat"), Optional.empty(), 1))
                        .level())
                .isEqualTo(PriorityLevel.HIGH);
    }

    @Test
    void followUpsAreCappedAndUnknownTiersCountNothing() {
        PriorityScore score = policy.score(input("other", List.of(), Optional.of("regular"), 10));
        assertThat(score.reasons()).containsExactly(new Reason("10th message in 2h while waiting", 45));
    }

    @Property(tries = 200)
    void theScoreIsTheSumOfItsReasonsAndTheLevelFollowsTheThresholds(
            @ForAll @IntRange(min = 1, max = 8) int messages, @ForAll boolean urgent, @ForAll boolean vip) {
        PriorityScore score = policy.score(input(
                "refund",
                urgent ? List.of("urgent") : List.of(),
                vip ? Optional.of("vip") : Optional.empty(),
                messages));
        assertThat(score.score())
                .isEqualTo(score.reasons().stream().mapToInt(Reason::points).sum());
        PriorityLevel expected = score.score() >= 60
                ? PriorityLevel.URGENT
                : score.score() >= 30
                        ? PriorityLevel.HIGH
                        : score.score() >= 0 ? PriorityLevel.NORMAL : PriorityLevel.LOW;
        assertThat(score.level()).isEqualTo(expected);
    }

    @Property(tries = 100)
    void moreFollowUpsNeverLowerThePriority(@ForAll @IntRange(min = 1, max = 20) int messages) {
        int before = policy.score(input("refund", List.of(), Optional.empty(), messages))
                .score();
        int after = policy.score(input("refund", List.of(), Optional.empty(), messages + 1))
                .score();
        assertThat(after).isGreaterThanOrEqualTo(before);
    }
}
