package dev.switchboard.http;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;

/**
 * Ready when Kafka answers and the topics a service writes exist: without them every request
 * that writes would wait for its timeout and fail.
 */
public final class KafkaHealth implements HealthCheck {
    private static final int TIMEOUT_MS = 2_000;

    private final Admin admin;
    private final List<String> topics;

    public KafkaHealth(Admin admin, List<String> topics) {
        this.admin = admin;
        this.topics = List.copyOf(topics);
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
