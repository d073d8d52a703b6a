package dev.switchboard.bridge;

import dev.switchboard.config.DataSize;
import dev.switchboard.kafka.KafkaSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The helpdesk bridge's configuration file ({@code config/bridge.yaml}).
 *
 * @param http where {@code POST /helpdesk/events} listens
 * @param inbound how helpdesks authenticate (bearer token, HMAC signature, or both)
 * @param outbound where assignments and SLA alerts are delivered
 */
public record BridgeConfig(Http http, Inbound inbound, List<Endpoint> outbound, KafkaSettings kafka) {
    public BridgeConfig {
        http = http == null ? new Http(null, null) : http;
        inbound = inbound == null ? new Inbound(null, null, null) : inbound;
        outbound = outbound == null ? List.of() : List.copyOf(outbound);
        kafka = kafka == null ? KafkaSettings.defaults() : kafka;
        long names = outbound.stream().map(Endpoint::name).distinct().count();
        if (names != outbound.size()) {
            throw new IllegalArgumentException("outbound endpoint names must be unique");
        }
    }

    public record Http(Integer port, DataSize maxBodySize) {
        public Http {
            port = port == null ? 8081 : port;
            maxBodySize = maxBodySize == null ? DataSize.parse("256KB") : maxBodySize;
        }
    }

    /**
     * @param bearerToken accepted as {@code Authorization: Bearer <token>}
     * @param hmacSecret accepted as {@code X-Switchboard-Signature: t=…,v1=…} over the body
     * @param signatureTolerance how old a signed request may be
     */
    public record Inbound(Optional<String> bearerToken, Optional<String> hmacSecret, Duration signatureTolerance) {
        public Inbound {
            bearerToken = bearerToken == null ? Optional.empty() : bearerToken.filter(s -> !s.isBlank());
            hmacSecret = hmacSecret == null ? Optional.empty() : hmacSecret.filter(s -> !s.isBlank());
            signatureTolerance = signatureTolerance == null ? Duration.ofMinutes(5) : signatureTolerance;
        }

        public boolean enabled() {
            return bearerToken.isPresent() || hmacSecret.isPresent();
        }
    }

    public enum EventKind {
        ASSIGNMENT,
        SLA_ALERT
    }

    public enum Format {
        JSON,
        SLACK
    }

    /**
     * An HTTP endpoint that receives events. Without a {@code url} (e.g. an unset environment
     * variable) the endpoint is disabled, with a warning at start.
     *
     * @param secret signs each delivery ({@code X-Switchboard-Signature}); required for the JSON format
     * @param maxAttempts attempts before the delivery goes to the dead-letter topic
     */
    public record Endpoint(
            String name,
            URI url,
            List<EventKind> events,
            Format format,
            Optional<String> secret,
            Duration timeout,
            Integer maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff) {
        public Endpoint {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("every outbound endpoint needs a name");
            }
            url = url == null || url.toString().isBlank() ? null : url;
            if (url != null && !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
                throw new IllegalArgumentException("url: expected an http(s) URL, got '" + url + "'");
            }
            events = events == null || events.isEmpty() ? List.of(EventKind.values()) : List.copyOf(events);
            format = format == null ? Format.JSON : format;
            secret = secret == null ? Optional.empty() : secret.filter(s -> !s.isBlank());
            if (url != null && format == Format.JSON && secret.isEmpty()) {
                throw new IllegalArgumentException("secret: required for the json format, so the receiver can verify"
                        + " deliveries (X-Switchboard-Signature)");
            }
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
            maxAttempts = maxAttempts == null ? 8 : maxAttempts;
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("max-attempts: expected at least 1");
            }
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(2) : maxBackoff;
        }

        public boolean enabled() {
            return url != null;
        }
    }
}
