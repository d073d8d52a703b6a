package dev.switchboard.router.config;

import java.util.Map;

/**
 * Points and thresholds of the priority score. Every contribution becomes a reason on the ticket.
 *
 * @param thresholds minimum score per level: {@code urgent}, {@code high}, {@code normal}; below
 *     {@code normal} is low
 * @param intents points per intent (may be negative)
 * @param signals points per signal ({@code urgent}, {@code legal-threat}, {@code chargeback},
 *     {@code negative}, {@code all-caps}, {@code public-channel}, …)
 * @param followUp points for each customer message beyond the first within the follow-up window
 *     while the customer waits for an agent
 * @param maxFollowUps follow-ups counted at most
 * @param tiers points per customer tier from {@code support.customers} ({@code vip}, …)
 */
public record PriorityWeights(
        Map<String, Integer> thresholds,
        Map<String, Integer> intents,
        Map<String, Integer> signals,
        Integer followUp,
        Integer maxFollowUps,
        Map<String, Integer> tiers) {
    public PriorityWeights {
        thresholds = thresholds == null ? Map.of("urgent", 60, "high", 30, "normal", 0) : Map.copyOf(thresholds);
        for (String level : new String[] {"urgent", "high", "normal"}) {
            if (!thresholds.containsKey(level)) {
                throw new IllegalArgumentException("thresholds needs urgent, high and normal; missing " + level);
            }
        }
        if (!(thresholds.get("urgent") >= thresholds.get("high")
                && thresholds.get("high") >= thresholds.get("normal"))) {
            throw new IllegalArgumentException("thresholds must satisfy urgent >= high >= normal, got " + thresholds);
        }
        intents = intents == null ? Map.of() : Map.copyOf(intents);
        signals = signals == null ? Map.of() : Map.copyOf(signals);
        followUp = followUp == null ? 15 : followUp;
        maxFollowUps = maxFollowUps == null ? 3 : maxFollowUps;
        tiers = tiers == null ? Map.of() : Map.copyOf(tiers);
    }

    public static PriorityWeights defaults() {
        return new PriorityWeights(null, null, null, null, null, null);
    }
}
