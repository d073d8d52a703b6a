package dev.switchboard.router.understanding;

/**
 * Decides what a customer wants. The rules ({@link RuleBasedClassifier}) are the first
 * implementation; a trained model can take their place behind this interface, as long as it
 * explains itself through {@link IntentResult#evidence()}.
 */
public interface IntentClassifier {
    /**
     * @param text what the customer wrote (subject without reply prefixes, cleaned body), not yet
     *     normalized
     * @param language the message's language (BCP 47 primary tag)
     */
    IntentResult classify(MessageText text, String language);
}
