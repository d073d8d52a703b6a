package dev.switchboard.kafka;

import dev.switchboard.schemas.Topic;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates Switchboard's topics with their settings; existing topics are left as they are. */
public final class TopicAdmin {
    private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {}

    /**
     * Creates every topic that does not exist yet.
     *
     * @param partitions overrides each topic's partition count when present
     * @return the names of the topics created now
     */
    public static List<String> createTopics(
            Admin admin, Topics topics, Optional<Integer> partitions, Duration timeout) {
        try {
            int brokers = admin.describeCluster()
                    .nodes()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .size();
            short replication = (short) Math.min(3, Math.max(1, brokers));
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<String, ?> topic : topics.all()) {
                if (!existing.contains(topic.name())) {
                    int count = partitions.orElse(topic.spec().partitions());
                    missing.add(new NewTopic(topic.name(), count, replication)
                            .configs(topic.spec().configs()));
                }
            }
            List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            if (!created.isEmpty()) {
                log.info("Created topics {} (replication factor {})", created, replication);
            }
            return created;
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Cannot create Switchboard topics: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout + " while creating topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }
}
