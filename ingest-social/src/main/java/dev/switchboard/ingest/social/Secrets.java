package dev.switchboard.ingest.social;

import dev.switchboard.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** A secret written inline ({@code ${ENV}}) or read from a file ({@code *-file}); never both. */
final class Secrets {
    private Secrets() {}

    /** Jackson leaves absent keys null even for Optional record components; absent means empty. */
    static <T> Optional<T> orEmpty(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    static void requireOneSource(String key, Optional<String> inline, Optional<Path> file) {
        if (inline.filter(s -> !s.isBlank()).isPresent() && file.isPresent()) {
            throw new IllegalArgumentException("set " + key + " or " + key + "-file, not both");
        }
    }

    /**
     * The secret, or empty when neither source gives one. A file's trailing newline is not part of
     * the secret (files written with {@code echo} end with one).
     *
     * @param key the key's path in the file, for error messages, e.g. {@code meta.app-secret}
     */
    static Optional<String> resolve(String key, Optional<String> inline, Optional<Path> secretFile) {
        if (secretFile.isPresent()) {
            Path file = secretFile.get();
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8).strip();
                return text.isEmpty() ? Optional.empty() : Optional.of(text);
            } catch (NoSuchFileException e) {
                throw new ConfigException(key + "-file: no such file " + file);
            } catch (IOException e) {
                throw new ConfigException(key + "-file: cannot read " + file + " (" + e.getMessage() + ")");
            }
        }
        return inline.filter(s -> !s.isBlank());
    }
}
