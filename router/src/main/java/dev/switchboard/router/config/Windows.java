package dev.switchboard.router.config;

import java.time.Duration;

/**
 * The router's time windows.
 *
 * @param dedupe how long a source message id is remembered: a retry or rescan within it is dropped
 * @param reopen how long after "solved" a customer message reopens the ticket; after it, a new
 *     ticket linked to the old one
 * @param followUp the window in which repeated customer messages count as follow-ups for priority
 * @param index how long message ids and helpdesk facts stay in the ticket index (email threading)
 */
public record Windows(Duration dedupe, Duration reopen, Duration followUp, Duration index) {
    public Windows {
        dedupe = positive("dedupe", dedupe, Duration.ofDays(7));
        reopen = positive("reopen", reopen, Duration.ofDays(7));
        followUp = positive("follow-up", followUp, Duration.ofHours(2));
        index = positive("index", index, Duration.ofDays(90));
    }

    public static Windows defaults() {
        return new Windows(null, null, null, null);
    }

    private static Duration positive(String key, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, got " + value);
        }
        return value;
    }
}
