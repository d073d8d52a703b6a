package dev.switchboard.http;

import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Ready only while a Kafka Streams application is RUNNING: while it starts, rebalances or has
 * stopped, it processes nothing, and a load balancer or orchestrator should know.
 */
public final class StreamsHealth implements HealthCheck {
    private final Supplier<KafkaStreams.State> state;

    public StreamsHealth(Supplier<KafkaStreams.State> state) {
        this.state = state;
    }

    @Override
    public Result check() {
        KafkaStreams.State s = state.get();
        return s == KafkaStreams.State.RUNNING ? Result.up("RUNNING") : Result.down(s.name());
    }
}
