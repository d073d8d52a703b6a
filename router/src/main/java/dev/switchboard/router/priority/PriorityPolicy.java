package dev.switchboard.router.priority;

import dev.switchboard.router.config.PriorityWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores a ticket from its intent, signals, customer tier and follow-ups with the weights of
 * {@code routing.yaml}, and names every contribution, so the ticket says why it is urgent
 * ("refund intent +10", "VIP customer +30", "3rd message in 2h while waiting +30"). Zero-point
 * contributions are left out; thresholds turn the sum into a level.
 */
public final class PriorityPolicy {
    private final PriorityWeights weights;

    public PriorityPolicy(PriorityWeights weights) {
        this.weights = weights;
    }

    public PriorityScore score(PriorityInput input) {
        List<Reason> reasons = new ArrayList<>();
        add(
                reasons,
                input.intent().replace('_', ' ') + " intent",
                weights.intents().getOrDefault(input.intent(), 0));
        for (String signal : input.signals()) {
            add(reasons, signal.replace('-', ' '), weights.signals().getOrDefault(signal, 0));
        }
        input.tier()
                .ifPresent(tier -> add(
                        reasons,
                        tier.toLowerCase(Locale.ROOT).equals("vip") ? "VIP customer" : tier + " customer",
                        weights.tiers().getOrDefault(tier.toLowerCase(Locale.ROOT), 0)));
        int followUps = Math.min(Math.max(0, input.messagesWhileWaiting() - 1), weights.maxFollowUps());
        if (followUps > 0) {
            add(
                    reasons,
                    ordinal(input.messagesWhileWaiting()) + " message in " + input.followUpWindowText()
                            + " while waiting",
                    followUps * weights.followUp());
        }
        int score = reasons.stream().mapToInt(Reason::points).sum();
        return new PriorityScore(level(score), score, reasons);
    }

    PriorityLevel level(int score) {
        if (score >= weights.thresholds().get("urgent")) {
            return PriorityLevel.URGENT;
        }
        if (score >= weights.thresholds().get("high")) {
            return PriorityLevel.HIGH;
        }
        if (score >= weights.thresholds().get("normal")) {
            return PriorityLevel.NORMAL;
        }
        return PriorityLevel.LOW;
    }

    private static void add(List<Reason> reasons, String label, int points) {
        if (points != 0) {
            reasons.add(new Reason(label, points));
        }
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13
                ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }
}
