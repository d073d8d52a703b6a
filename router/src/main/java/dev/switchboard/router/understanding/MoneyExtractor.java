package dev.switchboard.router.understanding;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds money amounts with their currency ("refund of $250", "250 AED", "استرداد ٣٠٠ ريال",
 * "٥٠٠ جنيه") and order numbers ("order #10234", "رقم الطلب ٤٥٦٧") in a message.
 *
 * <p>Currencies are data: each ISO code lists the symbols and words that name it, in any
 * language, before or after the number. Digits in Arabic-Indic or Persian script and the Arabic
 * separators are read as numbers; the evidence keeps the customer's own characters. An amount
 * needs a currency next to it: a bare number is never money. Known limit: a word shared by
 * several currencies (ريال is Saudi, Qatari, Omani and Yemeni) is read as whichever the rules
 * list it under.
 */
public final class MoneyExtractor {
    // At most nine digits before the decimals: longer runs are tracking or card numbers.
    private static final String NUMBER = "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?|\\d{1,9}(?:\\.\\d{1,2})?)";
    private static final String MULTIPLIER = "(?:\\s?(الف|k|thousand|مليون|million))?";
    private static final Pattern LIST_CONTINUATION =
            Pattern.compile("^\\s*(?:,|and|&|or|و|او)\\s*#?\\s*([a-z]{0,4}-?\\d{4,12}(?:-\\d{2,8})?)\\b");
    private static final String LETTER = "[\\p{L}\\p{M}]";

    private final Map<String, String> currencyByAlias;
    private final Pattern before;
    private final Pattern after;
    private final List<Pattern> orderPatterns;

    /**
     * @param currencies ISO code → symbols and words
     * @param orderNumberPatterns regular expressions over normalized text, group 1 = number
     */
    public MoneyExtractor(Map<String, List<String>> currencies, List<String> orderNumberPatterns) {
        currencyByAlias = new LinkedHashMap<>();
        currencies.forEach((code, aliases) -> {
            currencyByAlias.put(code.toLowerCase(Locale.ROOT), code.toUpperCase(Locale.ROOT));
            aliases.forEach(a -> currencyByAlias.put(foldAlias(a), code.toUpperCase(Locale.ROOT)));
        });
        // Longest alias first, so "us$" wins over "$" and "ريال سعودي" over "ريال".
        String alternation = currencyByAlias.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(MoneyExtractor::aliasRegex)
                .reduce((a, b) -> a + "|" + b)
                .orElse("(?!)");
        before = Pattern.compile("(?<![\\p{L}\\p{N}])(" + alternation + ")\\s?" + NUMBER + "(?![\\d])");
        after = Pattern.compile("(?<![\\d.,])" + NUMBER + MULTIPLIER + "\\s?(" + alternation + ")");
        orderPatterns = new ArrayList<>();
        for (String p : orderNumberPatterns) {
            try {
                Pattern compiled = Pattern.compile(ArabicNormalizer.normalize(p));
                if (compiled.matcher("").groupCount() < 1) {
                    throw new IllegalArgumentException(
                            "order-number-patterns: '" + p + "' needs a group for the number");
                }
                orderPatterns.add(compiled);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "order-number-patterns: '" + p + "' is not a valid regular expression: " + e.getDescription());
            }
        }
    }

    public List<Money> amounts(String text) {
        Folded folded = Folded.of(text);
        List<Found> found = new ArrayList<>();
        Matcher m = before.matcher(folded.text());
        while (m.find()) {
            found.add(new Found(m.start(), m.end(), m.group(2), m.group(1), null));
        }
        m = after.matcher(folded.text());
        while (m.find()) {
            found.add(new Found(m.start(), m.end(), m.group(1), m.group(3), m.group(2)));
        }
        found.sort(Comparator.comparingInt(Found::start));
        List<Money> amounts = new ArrayList<>();
        int lastEnd = -1;
        for (Found f : found) {
            if (f.start() < lastEnd) {
                continue; // "$250 usd" is one amount, not two
            }
            String currency = currencyOf(f.alias());
            if (currency == null) {
                continue;
            }
            BigDecimal amount = new BigDecimal(f.number().replace(",", "")).multiply(multiplier(f.multiplier()));
            amounts.add(new Money(amount, currency, folded.original(f.start(), f.end())));
            lastEnd = f.end();
        }
        return amounts;
    }

    public List<String> orderNumbers(String text) {
        String normalized = TextNormalizer.normalize(text);
        Set<String> numbers = new LinkedHashSet<>();
        for (Pattern p : orderPatterns) {
            Matcher m = p.matcher(normalized);
            while (m.find()) {
                if (m.group(1) == null
                        || m.group(1).chars().filter(Character::isDigit).count() < 4) {
                    continue;
                }
                numbers.add(m.group(1).toUpperCase(Locale.ROOT));
                // "orders 3310, 3388 and 3402": the numbers listed after the first one
                int end = m.end();
                Matcher more = LIST_CONTINUATION.matcher(normalized.substring(end));
                while (more.find()) {
                    numbers.add(more.group(1).toUpperCase(Locale.ROOT));
                    end += more.end();
                    more = LIST_CONTINUATION.matcher(normalized.substring(end));
                }
            }
        }
        return List.copyOf(numbers);
    }

    private String currencyOf(String alias) {
        String key = alias.trim();
        String code = currencyByAlias.get(key);
        if (code != null) {
            return code;
        }
        // Arabic words take endings (ريالات، جنيهات، دولارا): find the alias they start with.
        return currencyByAlias.entrySet().stream()
                .filter(e -> isArabic(e.getKey()) && key.startsWith(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue)
                .orElse(null);
    }

    private static String aliasRegex(String alias) {
        String quoted = Pattern.quote(alias);
        if (isArabic(alias)) {
            return quoted + LETTER + "*";
        }
        boolean word = Character.isLetter(alias.charAt(alias.length() - 1));
        return word ? quoted + "(?!" + LETTER + ")" : quoted;
    }

    private static String foldAlias(String alias) {
        return Folded.of(alias).text().trim();
    }

    private static boolean isArabic(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC);
    }

    private record Found(int start, int end, String number, String alias, String multiplier) {}

    /** "٥٠٠ ألف ليرة" is 500,000 LBP; "2k AED" 2,000 AED. */
    private static BigDecimal multiplier(String word) {
        if (word == null) {
            return BigDecimal.ONE;
        }
        return switch (word) {
            case "مليون", "million" -> BigDecimal.valueOf(1_000_000);
            default -> BigDecimal.valueOf(1_000);
        };
    }

    /**
     * Text folded character by character (lower case, Arabic letters and digits folded, marks
     * dropped) with the position of each folded character in the original, so evidence can be
     * quoted as the customer wrote it.
     */
    private record Folded(String text, int[] origin, String source) {
        static Folded of(String source) {
            StringBuilder b = new StringBuilder(source.length());
            int[] origin = new int[source.length() + 1];
            for (int i = 0; i < source.length(); i++) {
                char c = source.charAt(i);
                if (ArabicNormalizer.isDiacritic(c) || c == '\u0640') {
                    continue;
                }
                origin[b.length()] = i;
                b.append(Character.toLowerCase(ArabicNormalizer.fold(c)));
            }
            origin[b.length()] = source.length();
            return new Folded(b.toString(), origin, source);
        }

        String original(int start, int end) {
            return source.substring(origin[start], origin[end - 1] + 1).trim();
        }
    }
}
