package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real-world corpora in {@code ../shared/corpora/} (mail and labelled requests written by
 * other projects). Tests read them in place and skip, with a message, where they are absent;
 * they are never copied into the repository.
 */
public final class Corpora {
    public static final String PROPERTY = "switchboard.corpora";

    private Corpora() {}

    /** The corpora folder: system property {@code switchboard.corpora}, else {@code shared/corpora} next to an ancestor of the working dir. */
    public static Optional<Path> root() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            Path path = Path.of(configured);
            return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("corpora");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A corpus folder such as {@code sisimai-set-of-emails/maildir}; skips the calling test when absent. */
    public static Path require(String relative) {
        Optional<Path> path = root().map(r -> r.resolve(relative)).filter(Files::exists);
        assumeTrue(
                path.isPresent(),
                () -> "corpus " + relative + " not found (../shared/corpora or -D" + PROPERTY + "); skipping");
        return path.get();
    }
}
