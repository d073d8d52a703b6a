package dev.switchboard.router.understanding;

/**
 * A piece of text that made a rule match, and the rule entry that matched it.
 *
 * @param rule the keyword, phrase or pattern as written in the rules
 * @param matched the text it matched, normalized
 * @param position where in the normalized text it matched
 */
public record Evidence(String rule, String matched, double weight, int position) {
    /** How the evidence reads on a ticket: {@code "refund" ("refunded")}. */
    public String describe() {
        return matched.equals(rule) ? '"' + rule + '"' : '"' + rule + "\" (\"" + matched + "\")";
    }
}
