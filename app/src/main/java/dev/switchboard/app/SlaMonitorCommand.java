package dev.switchboard.app;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.sla.SlaConfig;
import dev.switchboard.sla.SlaMonitor;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard sla-monitor --config FILE}: SLA clocks on business calendars, alerts on support.sla.alerts. */
@Command(
        name = "sla-monitor",
        mixinStandardHelpOptions = true,
        description = {
            "Run the SLA monitor: response-time targets on business calendars, warnings before the breach,"
                    + " alerts to the second.",
            "Watch the alerts with: switchboard tail support.sla.alerts"
        })
final class SlaMonitorCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "The SLA configuration, e.g. config/sla.yaml (policies; names its calendars file).")
    Path config;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: $SWITCHBOARD_KAFKA_BOOTSTRAP_SERVERS, then the file).")
    String bootstrapServers;

    @Option(
            names = "--http-port",
            paramLabel = "P",
            defaultValue = "8083",
            description = "Port of /health and /metrics (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int httpPort;

    @Override
    public Integer call() throws InterruptedException {
        SlaConfig loaded = SlaConfig.load(ConfigLoader.fromEnvironment(), config);
        SlaConfig settings = loaded.withKafka(loaded.kafka().resolve(System.getenv(), bootstrapServers));
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        var registry = ManagementServer.registry();
        SlaMonitor monitor = new SlaMonitor(settings, registry);
        monitor.onFailure(e -> {
            failure.set(e);
            stopped.countDown();
        });
        var http = ManagementServer.start(
                SlaMonitor.APPLICATION_ID,
                httpPort,
                registry,
                Map.of("streams", ManagementServer.streams(monitor::state)));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            monitor.close();
                            http.close();
                            stopped.countDown();
                        },
                        "sla-monitor-stop"));
        monitor.start();
        System.err.println("SLA monitor running against " + settings.kafka().bootstrapServers() + "; alerts on "
                + settings.kafka().topics().slaAlerts().name() + "; /health and /metrics on port " + http.port()
                + ". Ctrl-C stops it.");
        stopped.await();
        if (failure.get() != null) {
            monitor.close();
            throw new CommandFailedException(
                    "the SLA monitor stopped: " + failure.get().getMessage(), failure.get());
        }
        return 0;
    }
}
