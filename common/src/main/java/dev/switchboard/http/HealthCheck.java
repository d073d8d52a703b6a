package dev.switchboard.http;

/**
 * One readiness check behind {@code /health}, e.g. "can we reach Kafka". A check must bound its
 * own running time (a probe that hangs is worse than one that says DOWN); an exception it throws
 * counts as DOWN with the exception's message.
 */
@FunctionalInterface
public interface HealthCheck {

    Result check() throws Exception;

    /** What a check found: up or down, and a short detail for operators (never a secret). */
    record Result(boolean up, String detail) {
        public Result {
            detail = detail == null ? "" : detail;
        }

        public static Result up(String detail) {
            return new Result(true, detail);
        }

        public static Result down(String detail) {
            return new Result(false, detail);
        }
    }
}
