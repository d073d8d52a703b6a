package dev.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

/**
 * How fast does a server answer a list of webhook requests sent back to back over a fixed number
 * of keep-alive HTTP/1.1 connections? Each connection is one thread with its own
 * {@link HttpClient} (so it holds exactly one connection), taking the next request as soon as the
 * previous answer is in; the latency of every request, from send to the last byte of its answer,
 * goes into an HdrHistogram. The client runs in the same JVM as the server and shares its cores.
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
        private final HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
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
                HttpRequest request = HttpRequest.newBuilder(
                                URI.create(base + r.platform().path()))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .header(r.platform().signatureHeader(), r.signature())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(r.body()))
                        .build();
                long sent = System.nanoTime();
                int status;
                try {
                    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    status = response.statusCode();
                    if (status != 200 && failure.isEmpty()) {
                        failure = Optional.of(status + " " + new String(response.body(), StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    status = -1; // no answer at all
                    failure = failure.or(() -> Optional.of(e.toString()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long now = System.nanoTime();
                done[i] = now;
                latency.recordValue(Math.min(MAX_LATENCY_MICROS, (now - sent) / 1000));
                statuses.merge(status, 1, Integer::sum);
            }
        }
    }
}
