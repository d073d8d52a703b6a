package dev.switchboard.app;

import dev.switchboard.bridge.BridgeConfig;
import dev.switchboard.bridge.HelpdeskBridge;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.http.WebServer;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code switchboard bridge}: assignments and SLA alerts out to the helpdesk, agents' actions in. */
@Command(
        name = "bridge",
        mixinStandardHelpOptions = true,
        description = {
            "Deliver assignments and SLA alerts to helpdesk endpoints (signed JSON or Slack) and accept"
                    + " agent replies, status and presence changes on POST /helpdesk/events.",
            "See docs/bridge.md."
        })
final class BridgeCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service;

    @Option(names = "--port", paramLabel = "P", description = "HTTP port (overrides http.port; 0 = any free port).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        BridgeConfig file =
                ConfigLoader.fromEnvironment().load(service.config("config/bridge.yaml"), BridgeConfig.class);
        BridgeConfig settings = new BridgeConfig(
                port == null
                        ? file.http()
                        : new BridgeConfig.Http(port, file.http().maxBodySize()),
                file.inbound(),
                file.outbound(),
                service.kafka(file.kafka()));
        UntilStopped running = new UntilStopped("bridge");
        HelpdeskBridge bridge;
        try {
            bridge = running.add(HelpdeskBridge.start(settings, Clock.systemUTC(), ManagementServer.registry()));
        } catch (WebServer.StartFailedException e) {
            throw new CommandFailedException(e.getMessage(), e);
        }
        System.err.println("bridge listening on port " + bridge.port().orElse(-1) + " ("
                + HelpdeskBridge.EVENTS_PATH + "), delivering to "
                + settings.outbound().size()
                + " endpoint(s); Kafka at " + settings.kafka().bootstrapServers() + ". Ctrl-C stops it.");
        return running.await();
    }
}
