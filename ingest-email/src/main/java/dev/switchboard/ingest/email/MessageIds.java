package dev.switchboard.ingest.email;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Message-IDs in Message-ID, In-Reply-To and References headers, without angle brackets. */
public final class MessageIds {
    private static final Pattern BRACKETED = Pattern.compile("<\\s*([^<>\\s]+?)\\s*>");

    private MessageIds() {}

    /** Every id in a header value, in order, without duplicates. Bare ids with an '@' are accepted too. */
    public static List<String> parse(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = BRACKETED.matcher(value);
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty()) {
            for (String token : value.split("[\\s,;]+")) {
                String t = token.replace("<", "").replace(">", "");
                if (t.contains("@") && t.length() > 2) {
                    ids.add(t);
                }
            }
        }
        return new ArrayList<>(ids);
    }

    public static Optional<String> first(String value) {
        return parse(value).stream().findFirst();
    }
}
