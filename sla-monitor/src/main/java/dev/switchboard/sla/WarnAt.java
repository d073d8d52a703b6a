package dev.switchboard.sla;

import java.util.Locale;
import java.util.OptionalDouble;

/** Reads {@code warn-at}: a percentage of the target ({@code 75%}), a fraction ({@code 0.75}) or {@code off}. */
final class WarnAt {
    private WarnAt() {}

    static OptionalDouble parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        // YAML reads an unquoted off or no as false.
        if (t.equals("off") || t.equals("none") || t.equals("false") || t.equals("no")) {
            return OptionalDouble.empty();
        }
        double fraction;
        try {
            fraction = t.endsWith("%")
                    ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100
                    : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        if (!(fraction > 0 && fraction < 1)) {
            throw invalid(text);
        }
        return OptionalDouble.of(fraction);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "warn-at: expected a share of the target between 0 and 100 % such as 75% (or 0.75, or off), got '"
                        + text + "'");
    }
}
