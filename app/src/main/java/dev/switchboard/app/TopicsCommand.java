package dev.switchboard.app;

import dev.switchboard.kafka.ClientProperties;
import dev.switchboard.kafka.KafkaSettings;
import dev.switchboard.kafka.TopicAdmin;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard topics}: Switchboard's topics on any cluster. */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Manage Switchboard's topics on a Kafka cluster.",
        subcommands = {TopicsCommand.Create.class})
final class TopicsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create every Switchboard topic that does not exist yet, with its settings (compaction,"
                    + " retention); the replication factor is min(3, brokers). Existing topics are left as they are.")
    static final class Create implements Callable<Integer> {
        @Option(
                names = "--bootstrap-servers",
                paramLabel = "HOST:PORT",
                description =
                        "Kafka bootstrap servers (default: $SWITCHBOARD_KAFKA_BOOTSTRAP_SERVERS or localhost:9092).")
        String bootstrapServers;

        @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Put every topic under this prefix.")
        String topicPrefix;

        @Option(
                names = "--partitions",
                paramLabel = "N",
                description = "Partitions per topic instead of each topic's default.")
        Integer partitions;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            KafkaSettings kafka = KafkaSettings.defaults().resolve(System.getenv(), bootstrapServers);
            if (topicPrefix != null) {
                kafka = kafka.withTopicPrefix(topicPrefix);
            }
            List<String> created;
            try (Admin admin = Admin.create(ClientProperties.base(kafka))) {
                created = TopicAdmin.createTopics(
                        admin, kafka.topics(), Optional.ofNullable(partitions), Duration.ofSeconds(60));
            } catch (IllegalStateException | KafkaException e) {
                throw new CommandFailedException(e.getMessage(), e);
            }
            spec.commandLine()
                    .getOut()
                    .println(
                            created.isEmpty()
                                    ? "every Switchboard topic exists on " + kafka.bootstrapServers()
                                    : "created " + String.join(", ", created));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
