package dev.switchboard.ingest.social;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Webhook bodies written from the platforms' documentation, under src/test/resources/webhooks. */
final class Fixtures {
    /** When the tests pretend Switchboard received the requests. */
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private Fixtures() {}

    static byte[] body(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture webhooks/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
