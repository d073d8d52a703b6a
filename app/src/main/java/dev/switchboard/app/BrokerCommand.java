package dev.switchboard.app;

import dev.switchboard.broker.BrokerSettings;
import dev.switchboard.broker.EmbeddedBroker;
import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.kafka.TopicAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard broker}: the embedded single-node KRaft broker on its own, with Switchboard's topics. */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = "Start a single-node Kafka broker (KRaft) on 127.0.0.1 and create Switchboard's topics.")
final class BrokerCommand implements java.util.concurrent.Callable<Integer> {
    @Option(
            names = "--port",
            defaultValue = "9092",
            description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(
            names = "--data-dir",
            defaultValue = "data/kafka",
            description = "Where the broker keeps its data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--topic-prefix", defaultValue = "", description = "Create the topics under this name prefix.")
    String topicPrefix;

    @Option(names = "--partitions", description = "Partitions per topic instead of each topic's default.")
    Integer partitions;

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<String> failure = new AtomicReference<>();
        EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.of(dataDir, port));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "broker-stop"));
        broker.onFailure(reason -> {
            failure.set(reason);
            stopped.countDown();
        });
        KafkaSettings kafka = KafkaSettings.defaults()
                .withBootstrapServers(broker.bootstrapServers())
                .withTopicPrefix(topicPrefix);
        try (Admin admin = Admin.create(ClientProperties.base(kafka))) {
            TopicAdmin.createTopics(admin, kafka.topics(), Optional.ofNullable(partitions), Duration.ofSeconds(30));
        }
        System.err.println("Kafka broker ready on " + broker.bootstrapServers() + " with Switchboard's topics; data in "
                + broker.dataDir() + ". Ctrl-C stops it.");
        stopped.await();
        if (failure.get() != null) {
            throw new CommandFailedException(failure.get());
        }
        return 0;
    }
}
