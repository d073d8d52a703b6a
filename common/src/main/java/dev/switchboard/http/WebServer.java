package dev.switchboard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.DataSize;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switchboard's embedded HTTP server: Javalin on Jetty with what every service needs and nothing
 * else.
 *
 * <p>It answers {@code GET /health} (200 when every {@link HealthCheck} is up, 503 otherwise, with
 * each check's status in a JSON body) and {@code GET /metrics} (Prometheus text from the service's
 * {@link PrometheusMeterRegistry}, including {@code http_server_requests} for every request). Errors
 * are JSON bodies {@code {"status":413,"error":"Content Too Large"}}, never stack traces: unknown
 * paths answer 404, a known path with the wrong method 405, a body over the configured size 413,
 * and an unexpected exception is logged and answered 500.
 *
 * <p>Services add their routes with {@link Builder#get} and {@link Builder#post}; handlers are
 * Javalin's, so they read the request from Javalin's {@link Context}. Handlers run on Jetty's
 * thread pool and may block (e.g. waiting for Kafka), each for a bounded time.
 */
public final class WebServer implements AutoCloseable {
    /** The Prometheus text exposition format, version 0.0.4, which every scraper reads. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_THREADS = 200;
    private static final int MIN_THREADS = 4;

    private final String name;
    private final Javalin javalin;

    private WebServer(String name, Javalin javalin) {
        this.name = name;
        this.javalin = javalin;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The port the server listens on; the real one when the builder asked for port 0. */
    public int port() {
        return javalin.port();
    }

    /** Writes {@code body} as JSON with the given status. */
    public static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write a response body as JSON", e);
        }
    }

    /** Writes the JSON error body every Switchboard endpoint uses: status, reason phrase and a detail. */
    public static void error(Context ctx, int status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", reason(status));
        if (detail != null && !detail.isBlank()) {
            body.put("detail", detail);
        }
        json(ctx, status, body);
    }

    @Override
    public void close() {
        javalin.stop();
        log.info("{}: HTTP server stopped", name);
    }

    private static String reason(int status) {
        HttpStatus known = HttpStatus.forStatus(status);
        return known == HttpStatus.UNKNOWN ? "Error" : known.getMessage();
    }

    /** Configures and starts a {@link WebServer}. */
    public static final class Builder {
        private final String name;
        private final List<Route> routes = new ArrayList<>();
        private final List<NamedCheck> checks = new ArrayList<>();
        private String host = "0.0.0.0";
        private int port = 8080;
        private DataSize maxBodySize = DataSize.ofMegabytes(1);
        private PrometheusMeterRegistry registry;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name);
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** 0 picks a free port, which {@link WebServer#port()} tells. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Requests with a larger body are answered 413 without being read further. */
        public Builder maxBodySize(DataSize size) {
            this.maxBodySize = Objects.requireNonNull(size);
            return this;
        }

        /** The registry {@code /metrics} shows; a fresh one when not given. */
        public Builder meterRegistry(PrometheusMeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry);
            return this;
        }

        public Builder healthCheck(String checkName, HealthCheck check) {
            checks.add(new NamedCheck(checkName, check));
            return this;
        }

        public Builder get(String path, Handler handler) {
            routes.add(new Route(HandlerType.GET, path, handler));
            return this;
        }

        public Builder post(String path, Handler handler) {
            routes.add(new Route(HandlerType.POST, path, handler));
            return this;
        }

        /** Starts the server and returns once it accepts connections. */
        public WebServer start() {
            PrometheusMeterRegistry meters =
                    registry != null ? registry : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            HealthEndpoint health = new HealthEndpoint(List.copyOf(checks));
            Javalin javalin = Javalin.create(config -> configure(config, meters, health));
            try {
                javalin.start(host, port);
            } catch (RuntimeException e) {
                throw new StartFailedException(
                        name + ": cannot listen on " + host + ":" + port + " (" + rootMessage(e) + ")", e);
            }
            log.info("{}: HTTP server listening on {}:{}", name, host, javalin.port());
            return new WebServer(name, javalin);
        }

        private void configure(JavalinConfig config, PrometheusMeterRegistry meters, HealthEndpoint health) {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = maxBodySize.bytes();
            // A known path with another method is a client mistake worth naming: 405, not 404.
            config.http.prefer405over404 = true;
            QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
            threads.setName("http-" + name);
            config.jetty.threadPool = threads;
            // Errors Jetty answers itself (malformed HTTP, headers too large) carry no stack or cause either.
            config.jetty.modifyServer(server -> {
                ErrorHandler errors = new ErrorHandler();
                errors.setShowStacks(false);
                errors.setShowCauses(false);
                errors.setDefaultResponseMimeType("application/json");
                server.setErrorHandler(errors);
            });
            config.requestLogger.http((ctx, millis) -> Timer.builder("http.server.requests")
                    .description("HTTP requests by method, route and status")
                    .tag("method", ctx.method().name())
                    .tag("uri", uriTag(ctx))
                    .tag("status", Integer.toString(ctx.statusCode()))
                    .register(meters)
                    .record(Duration.ofNanos((long) (millis * 1_000_000L))));

            config.routes.before(ctx -> rejectDeclaredOversize(ctx, maxBodySize));
            config.routes.get("/health", health::handle);
            config.routes.get(
                    "/metrics",
                    ctx -> ctx.status(200).contentType(PROMETHEUS_CONTENT_TYPE).result(meters.scrape()));
            for (Route route : routes) {
                config.routes.addHttpHandler(route.method(), route.path(), route.handler());
            }
            config.routes.exception(
                    HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), detail(e, maxBodySize)));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{}: {} {} failed", name, ctx.method().name(), ctx.path(), e);
                error(ctx, 500, "");
            });
            // An Error (out of memory, stack overflow) bypasses the exception handlers; same answer, logged.
            config.router.javaLangErrorHandler((response, error) -> {
                log.error("{}: fatal error while serving a request", name, error);
                response.setStatus(500);
                response.setContentType("application/json");
                try {
                    response.getOutputStream()
                            .write(JSON.writeValueAsBytes(Map.of("status", 500, "error", "Server Error")));
                } catch (IOException e) {
                    // The connection is gone; the status is all the client could get anyway.
                }
            });
            // A handler that sets 404 without a body gets the same JSON body as every other error.
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    error(ctx, 404, "no such endpoint: " + ctx.path());
                }
            });
        }

        private static void rejectDeclaredOversize(Context ctx, DataSize max) {
            long declared = ctx.req().getContentLengthLong();
            if (declared > max.bytes()) {
                // Refuse before reading: a declared size over the limit needs no bytes to judge.
                throw new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), "");
            }
        }

        private static String detail(HttpResponseException e, DataSize max) {
            if (e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
                return "the body is larger than " + max;
            }
            if (e.getStatus() == HttpStatus.METHOD_NOT_ALLOWED.getCode()) {
                return "method not allowed on this path";
            }
            String message = e.getMessage();
            return message == null || message.equals(reason(e.getStatus())) ? "" : message;
        }

        private static String uriTag(Context ctx) {
            var endpoint = ctx.endpoints().lastHttpEndpoint();
            // Unmatched paths share one tag value, so scanners cannot blow up the metric's cardinality.
            return endpoint == null ? "UNKNOWN" : endpoint.path;
        }

        private static String rootMessage(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getMessage();
        }
    }

    private record Route(HandlerType method, String path, Handler handler) {}

    /** The server could not start, typically because its port is taken; the message says which. */
    public static final class StartFailedException extends RuntimeException {
        StartFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code GET /health}: runs every check, 200 when all are up, 503 otherwise. */
    private record HealthEndpoint(List<NamedCheck> checks) {
        void handle(Context ctx) {
            Map<String, Object> results = new LinkedHashMap<>();
            boolean allUp = true;
            for (NamedCheck named : checks) {
                HealthCheck.Result result;
                try {
                    result = named.check().check();
                } catch (Exception e) {
                    result = HealthCheck.Result.down(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                allUp &= result.up();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("status", result.up() ? "UP" : "DOWN");
                if (!result.detail().isEmpty()) {
                    entry.put("detail", result.detail());
                }
                results.put(named.name(), entry);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", allUp ? "UP" : "DOWN");
            body.put("checks", results);
            json(ctx, allUp ? 200 : 503, body);
        }
    }
}
