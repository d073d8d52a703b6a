package dev.switchboard.router.understanding;

import java.util.Optional;

/** What a classifier reads: the subject, when the channel has one, and the body. */
public record MessageText(Optional<String> subject, String body) {
    public static MessageText of(String body) {
        return new MessageText(Optional.empty(), body);
    }

    /** Subject and body as one text, for detectors that need no distinction. */
    public String joined() {
        return subject.map(s -> s + "\n" + body).orElse(body);
    }
}
