package dev.switchboard.broker;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to start an {@link EmbeddedBroker}.
 *
 * @param dataDir where the broker keeps its logs and metadata; a restart on the same dir keeps
 *     every record
 * @param port the client port on 127.0.0.1; 0 picks a free one
 * @param maxHeap the broker JVM's -Xmx, e.g. "768m"
 * @param startTimeout how long to wait for the broker to accept clients
 */
public record BrokerSettings(Path dataDir, int port, String maxHeap, Duration startTimeout) {

    public static BrokerSettings of(Path dataDir, int port) {
        return new BrokerSettings(dataDir, port, "768m", Duration.ofSeconds(90));
    }
}
