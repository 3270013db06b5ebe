package dev.privacy.platform.infra;

/** A real Apache Kafka broker. */
public interface KafkaBroker extends AutoCloseable {

    String bootstrapServers();

    /** Which kind of broker this is, for logs: process, external or container. */
    String kind();

    /** Stops the broker, keeping its data, so that a test can see what happens while it is down. */
    default void stop() {
        throw new UnsupportedOperationException(kind() + " broker cannot be stopped by this process");
    }

    /** Starts a stopped broker again on the same address and data. */
    default void restart() {
        throw new UnsupportedOperationException(kind() + " broker cannot be restarted by this process");
    }

    @Override
    void close();
}
