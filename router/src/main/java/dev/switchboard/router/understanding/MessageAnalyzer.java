package dev.switchboard.router.understanding;

import dev.switchboard.router.config.RoutingRules;
import java.util.Optional;

/**
 * Reads one customer message: language, intent, money, order numbers, signals. Built once per
 * service from the rules (compiling them and loading the language models) and shared.
 */
public final class MessageAnalyzer {
    private final LanguageDetector languages;
    private final IntentClassifier classifier;
    private final MoneyExtractor money;
    private final SignalDetector signals;

    public MessageAnalyzer(RoutingRules rules) {
        this(rules, new RuleBasedClassifier(rules));
    }

    /** With another classifier, e.g. a trained model, in place of the rules. */
    public MessageAnalyzer(RoutingRules rules, IntentClassifier classifier) {
        this.languages = new LanguageDetector(rules.languages(), rules.defaultLanguage());
        this.classifier = classifier;
        this.money = new MoneyExtractor(rules.currencies(), rules.orderNumberPatterns());
        this.signals = new SignalDetector(rules.signals(), rules.publicChannels());
    }

    /**
     * @param subject the subject, if the channel has one
     * @param body the cleaned body (quotes and signatures removed)
     * @param reportedLanguage the language the source reported, if any
     * @param channel lower-case channel name
     */
    public Analysis analyze(Optional<String> subject, String body, Optional<String> reportedLanguage, String channel) {
        MessageText message =
                new MessageText(subject.map(MessageAnalyzer::stripReplyPrefixes), QuoteTrimmer.trim(body));
        String text = message.joined();
        var language = languages.detect(text, reportedLanguage);
        return new Analysis(
                language,
                classifier.classify(message, language.language()),
                money.amounts(text),
                money.orderNumbers(text),
                signals.detect(text, channel));
    }

    public LanguageDetector languageDetector() {
        return languages;
    }

    public IntentClassifier classifier() {
        return classifier;
    }

    /** "Re: Fwd: AW: رد: where is my order" → "where is my order": the prefixes say nothing about intent. */
    static String stripReplyPrefixes(String subject) {
        return subject.replaceAll(
                        "^(?i)(\\s*(re|fw|fwd|aw|wg|sv|vs|رد|تحويل|اعاده توجيه)\\s*(\\[\\d+])?\\s*:\\s*)+", "")
                .trim();
    }
}
