package dev.switchboard.ingest.social;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP requests to a running ingestor, signed the way each platform signs them. */
final class WebhookClient {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    WebhookClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** POSTs {@code body} to the platform's endpoint signed with {@code secret}. */
    HttpResponse<String> postSigned(Platform platform, String secret, byte[] body) {
        return post(
                platform.path(),
                platform.signatureHeader(),
                platform.signature(secret).sign(body),
                body);
    }

    HttpResponse<String> post(String path, String header, String headerValue, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (header != null) {
            request.header(header, headerValue);
        }
        return send(request.build());
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String base() {
        return base;
    }
}
