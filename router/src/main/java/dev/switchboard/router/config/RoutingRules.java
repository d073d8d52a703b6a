package dev.switchboard.router.config;

import dev.switchboard.config.ConfigLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code routing.yaml}: what the router knows about customers' messages, as data: intent rules per
 * language, signals, currencies and order numbers, priority weights, escalation rules, where
 * each intent goes, and the time windows. See {@code docs/router.md} for every key.
 *
 * @param version names the rule set on every decision ({@code rules@<version>})
 * @param languages the languages detected and matched (BCP 47 primary tags: {@code en}, {@code ar})
 * @param negationAppliesTo the intents whose terms a negation cancels (default: all)
 * @param negations per language, the words that negate a request right after them
 * @param intents intent → language → terms; the file's order breaks ties between intents
 * @param signals signal name → language → terms ({@code urgent}, {@code legal-threat}, …)
 * @param publicChannels channels where the conversation is public (lower-case channel names)
 * @param currencies ISO 4217 code → symbols and words that name it, in every language
 * @param orderNumberPatterns regular expressions over normalized text; group 1 is the number
 * @param minIntentScore below this score a message is {@code other}
 */
public record RoutingRules(
        String version,
        List<String> languages,
        String defaultLanguage,
        Windows windows,
        List<String> negationAppliesTo,
        Map<String, NegationRules> negations,
        Map<String, Map<String, TermRules>> intents,
        Map<String, Map<String, TermRules>> signals,
        List<String> publicChannels,
        Map<String, List<String>> currencies,
        List<String> orderNumberPatterns,
        Double minIntentScore,
        PriorityWeights priority,
        List<EscalationRule> escalation,
        RoutingTable routing) {

    /** The intents of the contract (IntentDecision.intent). */
    public static final Set<String> INTENTS = Set.of(
            "order_status",
            "delivery_problem",
            "refund",
            "return",
            "exchange",
            "cancellation",
            "payment",
            "product_question",
            "account",
            "complaint",
            "other");

    public RoutingRules {
        version = version == null || version.isBlank() ? "1" : version;
        languages = languages == null || languages.isEmpty() ? List.of("en", "ar") : List.copyOf(languages);
        defaultLanguage = defaultLanguage == null ? languages.get(0) : defaultLanguage;
        if (!languages.contains(defaultLanguage)) {
            throw new IllegalArgumentException(
                    "default-language " + defaultLanguage + " is not in languages " + languages);
        }
        windows = Objects.requireNonNullElse(windows, Windows.defaults());
        negationAppliesTo = negationAppliesTo == null ? List.copyOf(INTENTS) : List.copyOf(negationAppliesTo);
        negations = negations == null ? Map.of() : unmodifiableOrdered(negations);
        intents = intents == null ? Map.of() : unmodifiableOrdered(intents);
        for (String intent : intents.keySet()) {
            if (!INTENTS.contains(intent)) {
                throw new IllegalArgumentException("intents: unknown intent '" + intent + "'; expected one of "
                        + INTENTS.stream().sorted().toList());
            }
        }
        signals = signals == null ? Map.of() : unmodifiableOrdered(signals);
        publicChannels = publicChannels == null ? List.of() : List.copyOf(publicChannels);
        currencies = currencies == null ? Map.of() : unmodifiableOrdered(currencies);
        orderNumberPatterns = orderNumberPatterns == null ? List.of() : List.copyOf(orderNumberPatterns);
        minIntentScore = minIntentScore == null ? 1.0 : minIntentScore;
        priority = Objects.requireNonNullElse(priority, PriorityWeights.defaults());
        escalation = escalation == null ? List.of() : List.copyOf(escalation);
        routing = Objects.requireNonNullElse(routing, RoutingTable.defaults());
    }

    public static RoutingRules load(ConfigLoader loader, Path file) {
        return loader.load(file, RoutingRules.class);
    }

    /** The classifier's name on every decision. */
    public String classifierName() {
        return "rules@" + version;
    }

    private static <V> Map<String, V> unmodifiableOrdered(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Intent → destination, with a default for intents not listed. */
    public record RoutingTable(
            @com.fasterxml.jackson.annotation.JsonProperty("default")
            Destination defaultDestination,

            Map<String, Destination> intents) {
        public RoutingTable {
            defaultDestination = Objects.requireNonNullElse(defaultDestination, new Destination("support", "default"));
            intents = intents == null ? Map.of() : Map.copyOf(intents);
        }

        public static RoutingTable defaults() {
            return new RoutingTable(null, null);
        }

        public Destination destinationOf(String intent) {
            return intents.getOrDefault(intent, defaultDestination);
        }
    }
}
