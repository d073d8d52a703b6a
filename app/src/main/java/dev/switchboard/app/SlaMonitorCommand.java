package dev.switchboard.app;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.sla.SlaConfig;
import dev.switchboard.sla.SlaMonitor;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    @Mixin
    ServiceOptions service;

    @Option(
            names = "--http-port",
            paramLabel = "P",
            defaultValue = "8083",
            description = "Port of /health and /metrics (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int httpPort;

    @Override
    public Integer call() throws InterruptedException {
        SlaConfig loaded = SlaConfig.load(ConfigLoader.fromEnvironment(), service.config("config/sla.yaml"));
        SlaConfig settings = loaded.withKafka(service.kafka(loaded.kafka()));
        UntilStopped running = new UntilStopped("sla-monitor");
        var registry = ManagementServer.registry();
        SlaMonitor monitor = running.add(new SlaMonitor(settings, registry));
        monitor.onFailure(e -> running.fail("the SLA monitor stopped: " + e.getMessage()));
        var http = running.add(ManagementServer.start(
                SlaMonitor.APPLICATION_ID,
                httpPort,
                registry,
                Map.of("streams", ManagementServer.streams(monitor::state))));
        monitor.start();
        System.err.println("SLA monitor running against " + settings.kafka().bootstrapServers() + "; alerts on "
                + settings.kafka().topics().slaAlerts().name() + "; /health and /metrics on port " + http.port()
                + ". Ctrl-C stops it.");
        return running.await();
    }
}
