package dev.switchboard.router.understanding;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which of the configured languages a message is written in, so a ticket goes to an agent who
 * reads it. Lingua decides among the configured languages only (fewer models, fewer confusions);
 * when it cannot (too little text, a tie), the script decides (Arabic letters → {@code ar}), then
 * the language the source reported, then the default language.
 *
 * <p>Building loads Lingua's models of the configured languages (for English and Arabic about
 * 1 s and roughly 100 MB of heap on this project's machines; see docs/router.md), so one
 * detector is built per service and shared: it is thread-safe.
 */
public final class LanguageDetector {
    private static final int MIN_LETTERS = 3;

    private final List<String> languages;
    private final String defaultLanguage;
    private final Optional<com.github.pemistahl.lingua.api.LanguageDetector> lingua;

    public LanguageDetector(List<String> languages, String defaultLanguage) {
        this.languages = List.copyOf(languages);
        this.defaultLanguage = defaultLanguage;
        List<Language> known = new ArrayList<>();
        for (String tag : languages) {
            known.add(toLingua(tag));
        }
        // Lingua needs at least two languages to choose between; with one there is nothing to detect.
        this.lingua = known.size() < 2
                ? Optional.empty()
                : Optional.of(LanguageDetectorBuilder.fromLanguages(known.toArray(Language[]::new))
                        .withPreloadedLanguageModels()
                        .build());
    }

    /**
     * @param text subject and body
     * @param reported the language the source reported, if any (BCP 47)
     */
    public LanguageResult detect(String text, Optional<String> reported) {
        Optional<String> fromSource = reported.map(LanguageDetector::primary).filter(languages::contains);
        long letters = text.codePoints().filter(Character::isLetter).count();
        if (letters >= MIN_LETTERS && lingua.isPresent()) {
            Map<Language, Double> confidences = lingua.get().computeLanguageConfidenceValues(text);
            var best = confidences.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .filter(e -> e.getKey() != Language.UNKNOWN && e.getValue() > 0);
            if (best.isPresent()) {
                String tag = best.get().getKey().getIsoCode639_1().name().toLowerCase(Locale.ROOT);
                return new LanguageResult(tag, round(best.get().getValue()), "lingua");
            }
        }
        if (languages.contains("ar") && arabicShare(text) > 0.3) {
            return new LanguageResult("ar", 0.5, "script");
        }
        return fromSource
                .map(tag -> new LanguageResult(tag, 0.5, "source"))
                .orElseGet(() -> new LanguageResult(defaultLanguage, 0.0, "default"));
    }

    static double arabicShare(String text) {
        long letters = text.codePoints().filter(Character::isLetter).count();
        if (letters == 0) {
            return 0;
        }
        long arabic = text.codePoints()
                .filter(cp ->
                        Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC)
                .count();
        return (double) arabic / letters;
    }

    private static Language toLingua(String tag) {
        try {
            return Language.getByIsoCode639_1(IsoCode639_1.valueOf(tag.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "languages: '" + tag + "' is not an ISO 639-1 language code Lingua knows");
        }
    }

    private static String primary(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** @param method how it was decided: lingua, script, source or default */
    public record LanguageResult(String language, double confidence, String method) {}
}
