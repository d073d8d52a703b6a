package dev.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * How fast does a server answer a list of webhook requests sent back to back over a fixed number
 * of keep-alive HTTP/1.1 connections? Each connection is one thread with its own blocking Apache
 * HttpClient holding exactly one connection, taking the next request as soon as the previous
 * answer is in; the latency of every request, from send to the last byte of its answer, goes into
 * an HdrHistogram. The client runs in the same JVM as the server and shares its cores, so it is a
 * blocking client on purpose: java.net.http hands every request to its selector and executor
 * threads, and under a saturated CPU those extra wake-ups cost the servers their cores (the
 * ingestor, which hands each request to Kafka's I/O thread and back, most of all).
 */
final class HttpLoad {
    /** What one run saw: answers by status, latencies in microseconds, when each request was done. */
    record Result(
            int requests,
            int messages,
            Map<Integer, Integer> statuses,
            Histogram latencyMicros,
            Timeline timeline,
            Optional<String> firstFailure) {
        boolean allOk() {
            return statuses.keySet().equals(java.util.Set.of(200)) && statuses.get(200) == requests;
        }

        double requestsPerSecond() {
            return timeline.perSecond();
        }

        double messagesPerSecond() {
            return messages / Math.max(1e-9, timeline.elapsed().toNanos() / 1e9);
        }

        double latencyMillis(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(2);

    private HttpLoad() {}

    static Result run(int port, List<WebhookPayloads.Request> requests, int connections) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        long[] done = new long[requests.size()];
        List<Worker> workers = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        for (int c = 0; c < connections; c++) {
            Worker w = new Worker(port, requests, next, done, ready, go);
            workers.add(w);
            w.thread.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Worker w : workers) {
            w.thread.join();
        }
        Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
        Map<Integer, Integer> statuses = new TreeMap<>();
        Optional<String> failure = Optional.empty();
        for (Worker w : workers) {
            latency.add(w.latency);
            w.statuses.forEach((status, n) -> statuses.merge(status, n, Integer::sum));
            failure = failure.or(() -> w.failure);
        }
        int messages =
                requests.stream().mapToInt(WebhookPayloads.Request::messages).sum();
        long[] sorted = done.clone();
        Arrays.sort(sorted);
        return new Result(requests.size(), messages, statuses, latency, new Timeline(start, sorted), failure);
    }

    /** One connection: its own client, sending requests back to back. */
    private static final class Worker implements Runnable {
        private final CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(1)
                        .setMaxConnPerRoute(1)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(10))
                                .setSocketTimeout(Timeout.ofSeconds(60))
                                .build())
                        .build())
                .disableAutomaticRetries() // a failed request counts as failed, never silently resent
                .disableCookieManagement()
                .disableRedirectHandling()
                .build();
        private final Thread thread = new Thread(this, "bench-http-client");
        private final String base;
        private final List<WebhookPayloads.Request> requests;
        private final AtomicInteger next;
        private final long[] done;
        private final CountDownLatch ready;
        private final CountDownLatch go;
        private final Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
        private final Map<Integer, Integer> statuses = new TreeMap<>();
        private Optional<String> failure = Optional.empty();

        Worker(
                int port,
                List<WebhookPayloads.Request> requests,
                AtomicInteger next,
                long[] done,
                CountDownLatch ready,
                CountDownLatch go) {
            this.base = "http://127.0.0.1:" + port;
            this.requests = requests;
            this.next = next;
            this.done = done;
            this.ready = ready;
            this.go = go;
        }

        @Override
        public void run() {
            ready.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                WebhookPayloads.Request r = requests.get(i);
                HttpPost request = new HttpPost(base + r.platform().path());
                request.setHeader(r.platform().signatureHeader(), r.signature());
                request.setEntity(new ByteArrayEntity(r.body(), ContentType.APPLICATION_JSON));
                long sent = System.nanoTime();
                int status;
                try {
                    status = client.execute(request, response -> {
                        byte[] body = EntityUtils.toByteArray(response.getEntity());
                        if (response.getCode() != 200 && failure.isEmpty()) {
                            failure = Optional.of(response.getCode() + " " + new String(body, StandardCharsets.UTF_8));
                        }
                        return response.getCode();
                    });
                } catch (IOException e) {
                    status = -1; // no answer at all
                    failure = failure.or(() -> Optional.of(e.toString()));
                }
                long now = System.nanoTime();
                done[i] = now;
                latency.recordValue(Math.min(MAX_LATENCY_MICROS, (now - sent) / 1000));
                statuses.merge(status, 1, Integer::sum);
            }
            try {
                client.close();
            } catch (IOException e) {
                // the run is over; a connection that does not close cleanly changes no figure
            }
        }
    }
}
