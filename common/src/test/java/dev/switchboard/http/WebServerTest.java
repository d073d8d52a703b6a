package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.DataSize;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebServerTest {
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicBoolean databaseUp = new AtomicBoolean(true);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private WebServer server;

    @BeforeEach
    void start() {
        server = WebServer.builder("test")
                .host("127.0.0.1")
                .port(0)
                .maxBodySize(DataSize.ofBytes(1024))
                .meterRegistry(registry)
                .healthCheck("always", () -> HealthCheck.Result.up("fine"))
                .healthCheck(
                        "database",
                        () -> databaseUp.get() ? HealthCheck.Result.up("") : HealthCheck.Result.down("unreachable"))
                .post("/echo", ctx -> ctx.result(ctx.bodyAsBytes()))
                .get("/boom", ctx -> {
                    throw new IllegalStateException("secret internal detail");
                })
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void healthIsUpWhenEveryCheckIsUpAndDownOtherwise() throws Exception {
        HttpResponse<String> up = get("/health");
        assertThat(up.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(up.body());
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.at("/checks/always/detail").asText()).isEqualTo("fine");

        databaseUp.set(false);
        HttpResponse<String> down = get("/health");

        assertThat(down.statusCode()).isEqualTo(503);
        JsonNode downBody = json.readTree(down.body());
        assertThat(downBody.get("status").asText()).isEqualTo("DOWN");
        assertThat(downBody.at("/checks/database/status").asText()).isEqualTo("DOWN");
        assertThat(downBody.at("/checks/database/detail").asText()).isEqualTo("unreachable");
        assertThat(downBody.at("/checks/always/status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsArePrometheusTextAndCountRequestsByRoute() throws Exception {
        post("/echo", "hello");
        get("/no/such/path");

        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_count{method=\"POST\",status=\"200\",uri=\"/echo\"} 1")
                .contains("uri=\"UNKNOWN\"");
    }

    @Test
    void bodiesUpToTheLimitPassAndLargerOnesAre413() throws Exception {
        String atLimit = "x".repeat(1024);
        assertThat(post("/echo", atLimit).body()).isEqualTo(atLimit);

        HttpResponse<String> tooLarge = post("/echo", "x".repeat(4096));

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        JsonNode body = json.readTree(tooLarge.body());
        assertThat(body.get("status").asInt()).isEqualTo(413);
        assertThat(body.get("detail").asText()).contains("1KB");
    }

    @Test
    void chunkedBodiesOverTheLimitAre413Too() throws Exception {
        byte[] large = "y".repeat(4096).getBytes();
        HttpRequest request = HttpRequest.newBuilder(uri("/echo"))
                // An InputStream body has no declared length, so the client sends it chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(large)))
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void unknownPathsAre404AndWrongMethodsAre405WithJsonBodies() throws Exception {
        HttpResponse<String> missing = get("/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json.readTree(missing.body()).get("error").asText()).isEqualTo("Not Found");

        HttpResponse<String> wrongMethod = get("/echo");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json.readTree(wrongMethod.body()).get("status").asInt()).isEqualTo(405);
    }

    @Test
    void anUnexpectedFailureIs500WithoutStackTraceOrMessage() throws Exception {
        HttpResponse<String> response = get("/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body())
                .doesNotContain("secret internal detail")
                .doesNotContain("IllegalStateException")
                .doesNotContain("at dev.switchboard");
        assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("Server Error");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(uri(path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
