package dev.switchboard.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker side of {@link EmbeddedBroker}: runs in its own JVM, formats the storage on first
 * start (KRaft, a single standalone controller), starts Kafka's own {@link KafkaRaftServer}
 * and prints {@code READY} on stdout.
 *
 * <p>It watches stdin: when the parent process ends, for any reason, stdin closes and the broker
 * shuts down, so no broker outlives the process that started it.
 */
public final class BrokerMain {
    static final String READY = "SWITCHBOARD-BROKER-READY";
    private static final Logger log = LoggerFactory.getLogger(BrokerMain.class);

    private BrokerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: BrokerMain <server.properties>");
            System.exit(2);
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            props.load(in);
        }
        KafkaConfig config = new KafkaConfig(props, false);
        formatIfNeeded(props, config);

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (Throwable e) {
            // Kafka's threads would keep this JVM alive half-started; end it so the parent sees the exit.
            log.error("Kafka broker failed to start: {}", e.getMessage(), e);
            Runtime.getRuntime().halt(1);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "broker-shutdown"));
        System.out.println(READY);
        System.out.flush();

        Thread watchdog = new Thread(
                () -> {
                    awaitEndOfInput();
                    log.info("Parent process is gone; shutting the broker down");
                    server.shutdown();
                    System.exit(0);
                },
                "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        server.awaitShutdown();
    }

    private static void formatIfNeeded(Properties props, KafkaConfig config) throws Exception {
        String logDir = props.getProperty("log.dirs");
        if (Files.exists(Path.of(logDir, "meta.properties"))) {
            return;
        }
        Files.createDirectories(Path.of(logDir));
        log.info("Formatting KRaft storage in {}", logDir);
        new Formatter()
                .setPrintStream(System.out)
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(config.nodeId())
                .setDirectories(List.of(logDir))
                .setMetadataLogDirectory(logDir)
                .setControllerListenerName(props.getProperty("controller.listener.names"))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    private static void awaitEndOfInput() {
        try {
            while (System.in.read() != -1) {
                // The parent writes nothing; we only wait for the pipe to close.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end of input: the parent is gone.
        }
    }
}
