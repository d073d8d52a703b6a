package dev.switchboard.app;

import dev.switchboard.bridge.BridgeConfig;
import dev.switchboard.bridge.HelpdeskBridge;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.http.WebServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
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
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The bridge's YAML configuration.")
    Path config;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (overrides the file and $SWITCHBOARD_KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--port", paramLabel = "P", description = "HTTP port (overrides http.port; 0 = any free port).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        BridgeConfig file = ConfigLoader.fromEnvironment().load(config, BridgeConfig.class);
        BridgeConfig settings = new BridgeConfig(
                port == null
                        ? file.http()
                        : new BridgeConfig.Http(port, file.http().maxBodySize()),
                file.inbound(),
                file.outbound(),
                file.kafka().resolve(System.getenv(), bootstrapServers));
        HelpdeskBridge bridge;
        try {
            bridge = HelpdeskBridge.start(settings);
        } catch (WebServer.StartFailedException e) {
            throw new CommandFailedException(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            bridge.close();
                            stopped.countDown();
                        },
                        "bridge-stop"));
        System.err.println("bridge listening on port " + bridge.port().orElse(-1) + " ("
                + HelpdeskBridge.EVENTS_PATH + "), delivering to "
                + settings.outbound().size()
                + " endpoint(s); Kafka at " + settings.kafka().bootstrapServers() + ". Ctrl-C stops it.");
        stopped.await();
        return 0;
    }
}
