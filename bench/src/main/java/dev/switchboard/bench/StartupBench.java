package dev.switchboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench startup}: how long {@code switchboard run} takes from the command to
 * "Switchboard is running", as a new user sees it: a fresh data dir (the broker formats its
 * storage, every topic is created) and a restart on the same data dir. Each run is a new process
 * from the same jar.
 */
@Command(
        name = "startup",
        mixinStandardHelpOptions = true,
        description = "Start-up of switchboard run to ready: a first start and a restart on the same data dir.")
final class StartupBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

    @Option(names = "--runs", defaultValue = "3", description = "Starts of each kind (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--config-dir",
            paramLabel = "DIR",
            defaultValue = "config",
            description = "switchboard run's --config-dir (default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Override
    public Integer call() throws Exception {
        BenchReport report = new BenchReport("startup", "switchboard bench startup --runs " + runs);
        List<Double> first = new ArrayList<>();
        List<Double> again = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path data = Files.createTempDirectory("switchboard-bench-startup-");
            try {
                first.add(startAndStop(data));
                again.add(startAndStop(data));
            } finally {
                BenchKafka.delete(data);
            }
        }
        report.report(
                "first start to ready (median of " + runs + ")", median(first), "s", "< 15 s", median(first) < 15);
        report.report("restart on the same data dir (median)", median(again), "s", "< 15 s", median(again) < 15);
        report.note("first starts " + rounded(first) + " s; restarts " + rounded(again)
                + " s; each from process launch to the"
                + " 'Switchboard is running' line (embedded broker, topics, agents, five services, demo mailbox)");
        PrintWriter out = spec.commandLine().getOut();
        report.print(out);
        report.writeJson(options.out().resolve("startup.json"));
        out.println("JSON: " + options.out().resolve("startup.json"));
        return 0;
    }

    /** Seconds from launch to ready; then Ctrl-C (SIGTERM) and wait for the process to end. */
    private double startAndStop(Path data) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.switchboard.events",
                "-jar",
                ownJar().toString(),
                "run",
                "--data-dir",
                data.toString(),
                "--config-dir",
                configDir.toString(),
                "--kafka-port",
                Integer.toString(freePort()),
                "--http-port",
                Integer.toString(freePort()),
                "--imap-port",
                Integer.toString(freePort()),
                "--smtp-port",
                Integer.toString(freePort())));
        long start = System.nanoTime();
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("Switchboard is running")) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    run.destroy();
                    drain(in);
                    if (!run.waitFor(60, TimeUnit.SECONDS)) {
                        run.destroyForcibly();
                    }
                    return seconds;
                }
            }
        }
        throw new IllegalStateException("switchboard run exited with " + run.waitFor() + " before it was ready");
    }

    private static void drain(BufferedReader in) {
        Thread t = new Thread(() -> {
            try {
                while (in.readLine() != null) {
                    // the stopping run's output, read so it never blocks on a full pipe
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static Path ownJar() {
        try {
            return Path.of(StartupBench.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<String> rounded(List<Double> values) {
        return values.stream()
                .map(v -> String.format(java.util.Locale.ROOT, "%.1f", v))
                .toList();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
