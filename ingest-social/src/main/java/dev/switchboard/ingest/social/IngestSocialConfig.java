package dev.switchboard.ingest.social;

import dev.switchboard.config.DataSize;
import dev.switchboard.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The configuration of {@code switchboard ingest-social}, read from YAML by {@code ConfigLoader}.
 *
 * <pre>
 * http:
 *   port: 8080
 *   max-body-size: 1MB
 *   ack-timeout: 5s            # how long a webhook waits for Kafka before answering 503
 * meta:                        # Messenger and Instagram
 *   app-secret: ${META_APP_SECRET}
 *   verify-token: ${META_VERIFY_TOKEN}
 * whatsapp:
 *   app-secret: ${WHATSAPP_APP_SECRET}
 *   verify-token: ${WHATSAPP_VERIFY_TOKEN}
 * x:
 *   consumer-secret: ${X_CONSUMER_SECRET}
 * web:
 *   secret: ${WEB_FORM_SECRET}
 * kafka: …                     # the shared kafka: section
 * </pre>
 *
 * Every secret may instead be read from a file ({@code app-secret-file: /run/secrets/meta}). A
 * platform whose secrets are absent or empty is disabled: its endpoint answers 404.
 */
public record IngestSocialConfig(Http http, MetaApp meta, MetaApp whatsapp, X x, Web web, KafkaSettings kafka) {

    public IngestSocialConfig {
        http = http == null ? new Http(null, null, null, null) : http;
        meta = meta == null ? MetaApp.NONE : meta;
        whatsapp = whatsapp == null ? MetaApp.NONE : whatsapp;
        x = x == null ? X.NONE : x;
        web = web == null ? Web.NONE : web;
        kafka = kafka == null ? KafkaSettings.defaults() : kafka;
    }

    public IngestSocialConfig withPort(int port) {
        return new IngestSocialConfig(
                new Http(http.host(), port, http.maxBodySize(), http.ackTimeout()), meta, whatsapp, x, web, kafka);
    }

    public IngestSocialConfig withKafka(KafkaSettings settings) {
        return new IngestSocialConfig(http, meta, whatsapp, x, web, settings);
    }

    /** The HTTP server; {@code ack-timeout} bounds how long a webhook request waits for Kafka. */
    public record Http(String host, Integer port, DataSize maxBodySize, Duration ackTimeout) {
        public Http {
            host = host == null || host.isBlank() ? "0.0.0.0" : host;
            port = port == null ? 8080 : port;
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
            if (maxBodySize.bytes() < 1024) {
                throw new IllegalArgumentException("max-body-size must be at least 1KB, got " + maxBodySize);
            }
            ackTimeout = ackTimeout == null ? Duration.ofSeconds(5) : ackTimeout;
            // Platforms give up on a webhook after 10-20 s, and Kafka's producer needs a second to retry at all.
            if (ackTimeout.compareTo(Duration.ofSeconds(1)) < 0 || ackTimeout.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("ack-timeout must be between 1s and 60s, got " + ackTimeout);
            }
        }
    }

    /** Meta's app secret (signatures) and the verify token of the subscription handshake; WhatsApp has the same two. */
    public record MetaApp(
            Optional<String> appSecret,
            Optional<Path> appSecretFile,
            Optional<String> verifyToken,
            Optional<Path> verifyTokenFile) {
        static final MetaApp NONE = new MetaApp(null, null, null, null);

        public MetaApp {
            appSecret = Secrets.orEmpty(appSecret);
            appSecretFile = Secrets.orEmpty(appSecretFile);
            verifyToken = Secrets.orEmpty(verifyToken);
            verifyTokenFile = Secrets.orEmpty(verifyTokenFile);
            Secrets.requireOneSource("app-secret", appSecret, appSecretFile);
            Secrets.requireOneSource("verify-token", verifyToken, verifyTokenFile);
        }

        /** Inline secrets, as tests and embedding code write them. */
        public static MetaApp of(String appSecret, String verifyToken) {
            return new MetaApp(Optional.of(appSecret), Optional.empty(), Optional.of(verifyToken), Optional.empty());
        }
    }

    /** X's consumer secret (API secret key): it signs both the CRC answer and every POST. */
    public record X(Optional<String> consumerSecret, Optional<Path> consumerSecretFile) {
        static final X NONE = new X(null, null);

        public X {
            consumerSecret = Secrets.orEmpty(consumerSecret);
            consumerSecretFile = Secrets.orEmpty(consumerSecretFile);
            Secrets.requireOneSource("consumer-secret", consumerSecret, consumerSecretFile);
        }

        public static X of(String consumerSecret) {
            return new X(Optional.of(consumerSecret), Optional.empty());
        }
    }

    /** The secret the shop's web form or chat widget signs its requests with. */
    public record Web(Optional<String> secret, Optional<Path> secretFile) {
        static final Web NONE = new Web(null, null);

        public Web {
            secret = Secrets.orEmpty(secret);
            secretFile = Secrets.orEmpty(secretFile);
            Secrets.requireOneSource("secret", secret, secretFile);
        }

        public static Web of(String secret) {
            return new Web(Optional.of(secret), Optional.empty());
        }
    }
}
