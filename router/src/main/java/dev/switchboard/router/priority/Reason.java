package dev.switchboard.router.priority;

/** One contribution to a priority score: {@code "refund intent" +10}. */
public record Reason(String label, int points) {
    @Override
    public String toString() {
        return label + " " + (points >= 0 ? "+" : "") + points;
    }
}
