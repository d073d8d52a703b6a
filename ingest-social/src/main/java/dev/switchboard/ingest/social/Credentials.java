package dev.switchboard.ingest.social;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The secrets of one enabled platform: what signs its requests and, for Meta and WhatsApp, the
 * verify token of the subscription handshake.
 */
record Credentials(String signingSecret, Optional<String> verifyToken) {

    @Override
    public String toString() {
        // Records print their fields; secrets must never reach a log.
        return "Credentials[***]";
    }

    /**
     * The platforms whose secrets are all present, each with its credentials. For every other
     * platform a warning says what is missing; its endpoint will not exist (404).
     */
    static Map<Platform, Credentials> resolve(IngestSocialConfig config, List<String> warnings) {
        Map<Platform, Credentials> enabled = new EnumMap<>(Platform.class);
        metaApp(Platform.META, config.meta(), warnings).ifPresent(c -> enabled.put(Platform.META, c));
        metaApp(Platform.WHATSAPP, config.whatsapp(), warnings).ifPresent(c -> enabled.put(Platform.WHATSAPP, c));
        Secrets.resolve(
                        "x.consumer-secret",
                        config.x().consumerSecret(),
                        config.x().consumerSecretFile())
                .ifPresentOrElse(
                        secret -> enabled.put(Platform.X, new Credentials(secret, Optional.empty())),
                        () -> warnings.add("x: disabled, x.consumer-secret is not set"));
        Secrets.resolve("web.secret", config.web().secret(), config.web().secretFile())
                .ifPresentOrElse(
                        secret -> enabled.put(Platform.WEB, new Credentials(secret, Optional.empty())),
                        () -> warnings.add("web: disabled, web.secret is not set"));
        return enabled;
    }

    private static Optional<Credentials> metaApp(
            Platform platform, IngestSocialConfig.MetaApp app, List<String> warnings) {
        String id = platform.id();
        Optional<String> secret = Secrets.resolve(id + ".app-secret", app.appSecret(), app.appSecretFile());
        Optional<String> token = Secrets.resolve(id + ".verify-token", app.verifyToken(), app.verifyTokenFile());
        if (secret.isPresent() && token.isPresent()) {
            return Optional.of(new Credentials(secret.get(), token));
        }
        List<String> missing = new java.util.ArrayList<>();
        if (secret.isEmpty()) {
            missing.add(id + ".app-secret");
        }
        if (token.isEmpty()) {
            missing.add(id + ".verify-token");
        }
        warnings.add(id + ": disabled, " + String.join(" and ", missing) + (missing.size() > 1 ? " are" : " is")
                + " not set");
        return Optional.empty();
    }
}
