package dev.switchboard.router.understanding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Text that every match of a rules-file regex contains, read off the regex conservatively: a run
 * of literal characters at its top level ({@code back} in {@code (money|cash)\s+back\b}), or a
 * group of plain alternatives that is not optional ({@code (refund|money)}: one of them). A regex
 * whose top level is itself an alternation, that sets flags, or that has neither, has none, and
 * is scanned in full as before.
 *
 * <p>Only a prefilter: when none of the text is in a message, the regex cannot match it.
 */
final class RequiredText {
    private static final String META = "\\^$.|?*+()[]{}";

    private RequiredText() {}

    /** Strings one of which every match contains; empty when nothing is known. */
    static List<String> of(String regex) {
        List<String> runs = new ArrayList<>();
        List<List<String>> groups = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 < n && (regex.charAt(i + 1) == 'Q' || regex.charAt(i + 1) == 'E')) {
                    return List.of();
                }
                end(run, runs);
                i = skipEscape(regex, i);
                i = skipQuantifier(regex, i);
            } else if (c == '[') {
                end(run, runs);
                i = skipQuantifier(regex, closeClass(regex, i));
            } else if (c == '(') {
                end(run, runs);
                int close = closeGroup(regex, i);
                if (close < 0) {
                    return List.of();
                }
                String content = regex.substring(i + 1, close);
                boolean optional = isOptionalQuantifier(regex, close + 1);
                if (content.startsWith("?")) {
                    if (!content.startsWith("?:")
                            && !content.startsWith("?=")
                            && !content.startsWith("?!")
                            && !content.startsWith("?<=")
                            && !content.startsWith("?<!")) {
                        return List.of(); // inline flags, named groups, …: leave the regex alone
                    }
                    content = content.startsWith("?:") ? content.substring(2) : null;
                }
                if (content != null && !optional) {
                    alternatives(content).ifPresent(groups::add);
                }
                i = skipQuantifier(regex, close + 1);
            } else if (c == '|') {
                return List.of();
            } else if (c == '{') {
                end(run, runs); // a quantifier's bounds are not text
                int close = regex.indexOf('}', i);
                i = close < 0 ? n : close + 1;
            } else if (META.indexOf(c) >= 0) {
                end(run, runs);
                i = skipQuantifier(regex, i + 1);
            } else if (isOptionalQuantifier(regex, i + 1)) {
                end(run, runs);
                i = skipQuantifier(regex, i + 1);
            } else if (i + 1 < n && regex.charAt(i + 1) == '+') {
                run.append(c);
                end(run, runs);
                i += 2;
            } else {
                run.append(c);
                i++;
            }
        }
        end(run, runs);
        // The most selective: the candidate whose shortest text is longest, a run before a group.
        List<List<String>> candidates = new ArrayList<>();
        runs.forEach(r -> candidates.add(List.of(r)));
        candidates.addAll(groups);
        return candidates.stream()
                .max(Comparator.comparingInt(RequiredText::selectivity))
                .filter(c -> selectivity(c) > 0)
                .orElse(List.of());
    }

    private static int selectivity(List<String> anyOf) {
        return anyOf.stream().mapToInt(t -> t.strip().length()).min().orElse(0);
    }

    /** The alternatives of a group when each is plain text. */
    private static Optional<List<String>> alternatives(String content) {
        List<String> options = new ArrayList<>();
        for (String option : content.split("\\|", -1)) {
            if (option.isEmpty() || option.chars().anyMatch(ch -> META.indexOf(ch) >= 0)) {
                return Optional.empty();
            }
            options.add(option);
        }
        return Optional.of(options);
    }

    private static void end(StringBuilder run, List<String> runs) {
        if (!run.isEmpty()) {
            runs.add(run.toString());
            run.setLength(0);
        }
    }

    private static boolean isOptionalQuantifier(String regex, int at) {
        if (at >= regex.length()) {
            return false;
        }
        char q = regex.charAt(at);
        // {n,m} with n > 0 still requires the text once, but reading n is not worth it here.
        return q == '?' || q == '*' || q == '{';
    }

    private static int skipQuantifier(String regex, int at) {
        if (at >= regex.length()) {
            return at;
        }
        char q = regex.charAt(at);
        if (q == '{') {
            int close = regex.indexOf('}', at);
            at = close < 0 ? regex.length() : close + 1;
        } else if (q == '?' || q == '*' || q == '+') {
            at++;
        } else {
            return at;
        }
        // lazy or possessive
        if (at < regex.length() && (regex.charAt(at) == '?' || regex.charAt(at) == '+')) {
            at++;
        }
        return at;
    }

    private static int skipEscape(String regex, int at) {
        int next = at + 2;
        if (at + 1 < regex.length()
                && "pPk".indexOf(regex.charAt(at + 1)) >= 0
                && next < regex.length()
                && (regex.charAt(next) == '{' || regex.charAt(next) == '<')) {
            int close = regex.indexOf(regex.charAt(next) == '{' ? '}' : '>', next);
            return close < 0 ? regex.length() : close + 1;
        }
        return Math.min(next, regex.length());
    }

    private static int closeClass(String regex, int open) {
        int depth = 0;
        for (int i = open; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && i > open + 1 && !(i == open + 2 && regex.charAt(open + 1) == '^')) {
                if (--depth == 0) {
                    return i + 1;
                }
            }
        }
        return regex.length();
    }

    /** The index of the group's closing parenthesis, or -1. */
    private static int closeGroup(String regex, int open) {
        int depth = 0;
        for (int i = open; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = closeClass(regex, i) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
