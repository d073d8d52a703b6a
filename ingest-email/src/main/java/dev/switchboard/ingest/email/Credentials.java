package dev.switchboard.ingest.email;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The secret a mailbox logs in with: the password (inline or from {@code password-file}) or an
 * OAuth2 access token (from {@code token-file} or the output of {@code token-command}). Files and
 * commands are read again at every login, so a rotated password or a refreshed token is picked
 * up, in particular after the server rejected the old one. Secrets never appear in exceptions
 * or logs.
 */
final class Credentials {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final MailboxConfig config;

    Credentials(MailboxConfig config) {
        this.config = config;
    }

    String secret() throws IOException {
        if (config.auth() == MailboxConfig.Auth.XOAUTH2) {
            return config.tokenFile().isPresent()
                    ? readFile(config.tokenFile().get().toString())
                    : runCommand(config.tokenCommand().orElseThrow());
        }
        return config.password().isPresent()
                ? config.password().get()
                : readFile(config.passwordFile().orElseThrow().toString());
    }

    private String readFile(String file) throws IOException {
        String value = Files.readString(java.nio.file.Path.of(file), StandardCharsets.UTF_8)
                .strip();
        if (value.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        return value;
    }

    private String runCommand(String command) throws IOException {
        Process process = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("token-command did not finish within " + COMMAND_TIMEOUT.toSeconds() + "s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("token-command exited with status " + process.exitValue());
            }
            String token = new String(out, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new IOException("token-command printed no token");
            }
            return token;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running token-command", e);
        }
    }
}
