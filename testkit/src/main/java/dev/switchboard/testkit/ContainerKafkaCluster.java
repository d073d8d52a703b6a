package dev.switchboard.testkit;

import org.testcontainers.kafka.KafkaContainer;

/** The official Apache Kafka image in KRaft mode, through Testcontainers, where Docker runs. */
final class ContainerKafkaCluster extends KafkaCluster {
    static final String IMAGE = "apache/kafka:4.1.0";
    private final KafkaContainer container;

    ContainerKafkaCluster() {
        container = new KafkaContainer(IMAGE);
        container.start();
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        super.close();
        container.stop();
    }
}
