package dev.switchboard.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one node) on
 * 127.0.0.1, started from Kafka's server classes in a child JVM.
 *
 * <p>Why a child JVM: Kafka's server ends its process on fatal errors; in a child that cannot
 * take Switchboard down with it, and the parent sees the exit, logs it as an error and tells
 * its {@link #onFailure listeners}. The child stops when the parent goes away (it watches its
 * stdin), so no broker is ever left behind. Kafka's own log goes to {@code broker.log} in the
 * data dir; its warnings and errors are forwarded to this process's log.
 *
 * <p>It is not Kafka's internal test harness: it formats storage and runs the broker with a
 * generated, production-like configuration (no unstable features).
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String PID_FILE = "broker.pid";

    private final Process process;
    private final int port;
    private final Path dataDir;
    private final List<Consumer<String>> failureListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    private EmbeddedBroker(Process process, int port, Path dataDir) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** Starts a broker and returns once it accepts clients. */
    public static EmbeddedBroker start(BrokerSettings settings) {
        try {
            Path dataDir = settings.dataDir().toAbsolutePath();
            Files.createDirectories(dataDir);
            awaitPreviousBroker(dataDir, settings.startTimeout());
            int[] ports = freePorts(settings.port());
            int port = ports[0];
            int controllerPort = ports[1];
            Path config = writeConfig(dataDir, port, controllerPort);
            Process process = new ProcessBuilder(command(settings, dataDir, config))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            Files.writeString(dataDir.resolve(PID_FILE), pidRecord(process));
            EmbeddedBroker broker = new EmbeddedBroker(process, port, dataDir);
            broker.awaitReady(settings);
            return broker;
        } catch (IOException e) {
            throw new BrokerFailedException("Cannot start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    /**
     * A broker left from a process that was killed shuts itself down within seconds (it sees its
     * stdin close); a restart on the same data dir waits for that instead of failing on Kafka's
     * lock. A broker whose parent still runs belongs to another Switchboard: that is an error.
     *
     * <p>The pid file records the broker's pid, its start time and its parent's pid, so neither a
     * reused pid nor an unreadable command line can mislead the check.
     */
    private static void awaitPreviousBroker(Path dataDir, Duration timeout) throws IOException {
        Path pidFile = dataDir.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        String[] fields = Files.readString(pidFile).strip().split("\\s+");
        long pid;
        long started;
        long parentPid;
        try {
            pid = Long.parseLong(fields[0]);
            started = Long.parseLong(fields[1]);
            parentPid = Long.parseLong(fields[2]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return;
        }
        Optional<ProcessHandle> previous = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info()
                        .startInstant()
                        .map(i -> i.toEpochMilli() == started)
                        .orElse(true));
        if (previous.isEmpty()) {
            return;
        }
        if (previous.get()
                .parent()
                .map(ProcessHandle::pid)
                .filter(ppid -> ppid == parentPid)
                .isPresent()) {
            throw new BrokerFailedException("the data dir " + dataDir + " is in use by the broker of another running"
                    + " Switchboard (pid " + parentPid + "); stop it or choose another data dir");
        }
        log.info("Waiting for the broker of a previous run (pid {}) to finish shutting down", pid);
        try {
            previous.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("The previous broker (pid {}) did not stop within {}; stopping it", pid, timeout);
            previous.get().destroyForcibly();
        } catch (ExecutionException e) {
            // onExit completes normally; nothing to report.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerFailedException("Interrupted while waiting for a previous broker", e);
        }
    }

    private static String pidRecord(Process process) {
        long started = process.info()
                .startInstant()
                .map(java.time.Instant::toEpochMilli)
                .orElse(0L);
        return process.pid() + " " + started + " " + ProcessHandle.current().pid() + "\n";
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The broker JVM's process id. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Called with a reason when the broker stops without being asked to. */
    public void onFailure(Consumer<String> listener) {
        failureListeners.add(listener);
    }

    @Override
    public void close() {
        closing = true;
        if (!process.isAlive()) {
            return;
        }
        try {
            // Closing stdin is the broker's signal to shut down cleanly.
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                log.warn("Embedded broker did not stop within 30 s; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(BrokerSettings settings) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        List<String> lastErrors = new CopyOnWriteArrayList<>();
        daemon(
                "broker-stdout",
                () -> pump(process.getInputStream(), line -> {
                    if (line.equals(BrokerMain.READY)) {
                        ready.complete(null);
                    } else {
                        log.debug("[broker] {}", line);
                    }
                }));
        daemon(
                "broker-stderr",
                () -> pump(process.getErrorStream(), line -> {
                    if (lastErrors.size() > 20) {
                        lastErrors.remove(0);
                    }
                    lastErrors.add(line);
                    log.warn("[broker] {}", line);
                }));
        process.onExit().thenRun(() -> {
            String reason = "embedded Kafka broker exited with code " + process.exitValue() + " (see "
                    + dataDir.resolve("broker.log") + ")";
            if (!ready.isDone()) {
                ready.completeExceptionally(new BrokerFailedException(reason + ": " + String.join(" | ", lastErrors)));
            } else if (!closing) {
                log.error("{}; Switchboard cannot work without it", reason);
                failureListeners.forEach(l -> l.accept(reason));
            }
        });
        try {
            ready.get(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            log.info("Embedded Kafka broker ready on {} (data in {})", bootstrapServers(), dataDir);
        } catch (TimeoutException e) {
            close();
            throw new BrokerFailedException("Embedded Kafka broker not ready within " + settings.startTimeout()
                    + "; see " + dataDir.resolve("broker.log"));
        } catch (ExecutionException e) {
            throw new BrokerFailedException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new BrokerFailedException("Interrupted while starting the embedded broker", e);
        }
    }

    private static List<String> command(BrokerSettings settings, Path dataDir, Path config) {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xmx" + settings.maxHeap());
        command.add("-XX:+UseG1GC");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlogback.configurationFile=switchboard-broker-logback.xml");
        command.add("-Dswitchboard.broker.log=" + dataDir.resolve("broker.log"));
        command.add("-cp");
        command.add(ManagementFactory.getRuntimeMXBean().getClassPath());
        command.add(BrokerMain.class.getName());
        command.add(config.toString());
        return command;
    }

    private static Path writeConfig(Path dataDir, int port, int controllerPort) throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        // A static single-voter quorum: the controller's port may change between restarts.
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("kafka-logs").toString());
        p.setProperty("num.partitions", "1");
        // One node: every internal topic has one replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "3");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // Nobody waits for other members of a consumer group on a single machine.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly with their settings; a typo must not create a topic.
        p.setProperty("auto.create.topics.enable", "false");
        Path file = dataDir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "Generated by Switchboard for the embedded broker; rewritten at every start");
        }
        return file;
    }

    /**
     * The client port (the requested one, or a free one for 0) and a free controller port, never
     * the same: two sockets are held open together while the ports are chosen.
     */
    private static int[] freePorts(int requested) throws IOException {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int client = requested == 0 ? a.getLocalPort() : requested;
            int controller = b.getLocalPort() != client ? b.getLocalPort() : a.getLocalPort();
            return new int[] {client, controller};
        }
    }

    private static void pump(java.io.InputStream in, Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
            }
        } catch (IOException e) {
            // The stream closes when the broker ends; onExit reports that.
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
