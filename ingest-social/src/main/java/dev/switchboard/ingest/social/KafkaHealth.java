package dev.switchboard.ingest.social;

import dev.switchboard.http.HealthCheck;
import dev.switchboard.schemas.Topics;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;

/**
 * Ready when Kafka answers and the topics the service writes exist: without them every webhook
 * would wait for its ack timeout and be answered 503.
 */
final class KafkaHealth implements HealthCheck {
    private static final int TIMEOUT_MS = 2_000;

    private final Admin admin;
    private final List<String> topics;

    KafkaHealth(Admin admin, Topics topics) {
        this.admin = admin;
        this.topics =
                List.of(topics.inboundMessages().name(), topics.deadLetter().name());
    }

    @Override
    public Result check() throws InterruptedException {
        try {
            admin.describeTopics(topics, new DescribeTopicsOptions().timeoutMs(TIMEOUT_MS))
                    .allTopicNames()
                    .get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
            return Result.up("topics " + String.join(", ", topics) + " reachable");
        } catch (ExecutionException e) {
            return Result.down(e.getCause().getClass().getSimpleName() + ": "
                    + e.getCause().getMessage());
        } catch (TimeoutException e) {
            return Result.down("Kafka did not answer within " + TIMEOUT_MS + " ms");
        }
    }
}
