package dev.switchboard.testkit;

import dev.switchboard.broker.BrokerSettings;
import dev.switchboard.broker.EmbeddedBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Switchboard's own embedded KRaft broker (a child JVM), in a temporary data dir. */
final class EmbeddedKafkaCluster extends KafkaCluster {
    private final EmbeddedBroker broker;

    EmbeddedKafkaCluster() {
        try {
            Path dir = Files.createTempDirectory("switchboard-test-kafka");
            broker = EmbeddedBroker.start(BrokerSettings.of(dir, 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void close() {
        super.close();
        broker.close();
    }
}
