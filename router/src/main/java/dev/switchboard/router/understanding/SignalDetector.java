package dev.switchboard.router.understanding;

import dev.switchboard.router.config.TermRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds urgency and sentiment signals: the word lists of {@code signals:} in the rules (matched
 * in every configured language, since an angry customer switches language mid-sentence), plus
 * two that need no words: {@code all-caps} (shouting: most Latin letters upper case, or a run of
 * capitalized words) and {@code public-channel} (the conversation happens where anyone can read
 * it). Repeated follow-ups depend on the ticket's history, so the ticket processor adds them.
 */
public final class SignalDetector {
    private static final int CAPS_MIN_LETTERS = 12;
    private static final double CAPS_SHARE = 0.7;
    private static final int CAPS_RUN = 4;

    private final Map<String, List<TermMatcher>> matchers = new LinkedHashMap<>();
    /** The literals every signal's entries need, found in one pass per message. */
    private final LiteralIndex index;

    private final Set<String> publicChannels;

    public SignalDetector(Map<String, Map<String, TermRules>> signals, List<String> publicChannels) {
        signals.forEach((name, byLanguage) -> {
            List<TermMatcher> list = new ArrayList<>();
            byLanguage.forEach((language, rules) ->
                    list.add(TermMatcher.compile(rules, language, "signals." + name + "." + language)));
            matchers.put(name, list);
        });
        this.index =
                LiteralIndex.of(matchers.values().stream().flatMap(List::stream).toList());
        matchers.replaceAll(
                (name, list) -> list.stream().map(m -> m.indexedBy(index)).toList());
        this.publicChannels = Set.copyOf(
                publicChannels.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList());
    }

    /**
     * @param text subject and body as written
     * @param channel the channel in lower case ({@code email}, {@code x}, …)
     */
    public List<Signal> detect(String text, String channel) {
        TermMatcher.Text normalized = new TermMatcher.Text(TextNormalizer.normalize(text), index);
        List<Signal> found = new ArrayList<>();
        matchers.forEach((name, list) -> {
            List<String> evidence = new ArrayList<>();
            for (TermMatcher matcher : list) {
                matcher.find(normalized).forEach(e -> evidence.add(e.describe()));
            }
            if (!evidence.isEmpty()) {
                found.add(new Signal(name, evidence.stream().distinct().toList()));
            }
        });
        shouting(text).ifPresent(found::add);
        if (publicChannels.contains(channel.toLowerCase(Locale.ROOT))) {
            found.add(new Signal(Signal.PUBLIC_CHANNEL, List.of(channel.toLowerCase(Locale.ROOT))));
        }
        return found;
    }

    private static final java.util.regex.Pattern EXCLAMATIONS = java.util.regex.Pattern.compile("[!！]{3,}");
    private static final java.util.regex.Pattern ARABIC_ELONGATION =
            java.util.regex.Pattern.compile("([\\u0621-\\u063F\\u0641-\\u064A])\\1{2,}");

    private static String describeShouting(String text) {
        var m = EXCLAMATIONS.matcher(text);
        if (m.find()) {
            return "\"" + m.group() + "\"";
        }
        var e = ARABIC_ELONGATION.matcher(text);
        return e.find() ? "drawn-out letters" : "";
    }

    static java.util.Optional<Signal> shouting(String text) {
        // Arabic has no capitals: shouting is a letter drawn out ("اسووووأ") and "!!!!". Tatweel
        // ("تانـــي") is decoration, not volume.
        var exclamations = EXCLAMATIONS.matcher(text);
        var elongation = ARABIC_ELONGATION.matcher(text);
        if (exclamations.find() || elongation.find()) {
            return java.util.Optional.of(new Signal(Signal.ALL_CAPS, List.of(describeShouting(text))));
        }
        int letters = 0;
        int upper = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
        }
        if (letters >= CAPS_MIN_LETTERS && upper >= CAPS_SHARE * letters) {
            return java.util.Optional.of(
                    new Signal(Signal.ALL_CAPS, List.of(upper + " of " + letters + " letters upper case")));
        }
        List<String> run = new ArrayList<>();
        List<String> longest = List.of();
        for (String word : text.split("[^\\p{L}]+")) {
            boolean caps = word.length() >= 2
                    && word.chars().allMatch(Character::isUpperCase)
                    && word.chars().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN);
            if (caps) {
                run.add(word);
                if (run.size() > longest.size()) {
                    longest = List.copyOf(run);
                }
            } else {
                run.clear();
            }
        }
        if (longest.size() >= CAPS_RUN) {
            return java.util.Optional.of(new Signal(Signal.ALL_CAPS, List.of(String.join(" ", longest))));
        }
        return java.util.Optional.empty();
    }
}
