package dev.privacy.platform.infra;

import org.testcontainers.kafka.KafkaContainer;

/** Apache Kafka (KRaft) in a Testcontainers container, used where a Docker engine answers. */
public final class ContainerKafkaBroker implements KafkaBroker {

    private final KafkaContainer container;

    private ContainerKafkaBroker(KafkaContainer container) {
        this.container = container;
    }

    public static ContainerKafkaBroker start() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
        container.start();
        return new ContainerKafkaBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public String kind() {
        return "container";
    }

    @Override
    public void close() {
        container.stop();
    }
}
