package dev.switchboard.bridge;

import dev.switchboard.http.SwitchboardSignature;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one {@link Delivery} to one endpoint: POST with the JSON body, signed
 * ({@code X-Switchboard-Signature}, timestamp included against replay), with an
 * {@code Idempotency-Key} that stays the same across retries. Network errors, timeouts, 408, 429
 * and 5xx are retried with exponential backoff; other 4xx answers will not change on retry and
 * fail at once.
 */
public final class Deliverer {
    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    /** Waits between attempts; tests pass one that does not sleep. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public sealed interface Outcome {
        int attempts();

        record Delivered(int attempts, int status) implements Outcome {}

        record Failed(int attempts, String reason) implements Outcome {}
    }

    private final HttpClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public Deliverer(HttpClient client, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.client = client;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    public static Deliverer create() {
        return new Deliverer(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                Clock.systemUTC(),
                duration -> Thread.sleep(duration.toMillis()),
                RandomGenerator.getDefault());
    }

    public Outcome deliver(BridgeConfig.Endpoint endpoint, Delivery delivery) throws InterruptedException {
        Backoff backoff = new Backoff(endpoint.initialBackoff(), endpoint.maxBackoff(), random);
        String reason = "not attempted";
        for (int attempt = 1; attempt <= endpoint.maxAttempts(); attempt++) {
            if (attempt > 1) {
                sleeper.sleep(backoff.delayBefore(attempt - 1));
            }
            try {
                HttpResponse<Void> response =
                        client.send(request(endpoint, delivery), HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    log.debug(
                            "Delivered {} {} to {} (attempt {})",
                            delivery.kind(),
                            delivery.id(),
                            endpoint.name(),
                            attempt);
                    return new Outcome.Delivered(attempt, status);
                }
                reason = endpoint.name() + " answered HTTP " + status;
                if (!retryable(status)) {
                    log.warn(
                            "{} refused {} {} with HTTP {}; not retrying",
                            endpoint.name(),
                            delivery.kind(),
                            delivery.id(),
                            status);
                    return new Outcome.Failed(attempt, reason);
                }
            } catch (IOException e) {
                reason = endpoint.name() + " unreachable: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage());
            }
            log.info(
                    "Delivery of {} {} to {} failed (attempt {}/{}): {}",
                    delivery.kind(),
                    delivery.id(),
                    endpoint.name(),
                    attempt,
                    endpoint.maxAttempts(),
                    reason);
        }
        return new Outcome.Failed(endpoint.maxAttempts(), reason);
    }

    private HttpRequest request(BridgeConfig.Endpoint endpoint, Delivery delivery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.url())
                .timeout(endpoint.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", delivery.id())
                .header("X-Switchboard-Event", delivery.kind())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        endpoint.secret()
                .ifPresent(secret -> request.header(
                        SwitchboardSignature.HEADER,
                        SwitchboardSignature.sign(secret, clock.instant(), delivery.body())));
        return request.build();
    }

    private static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }
}
