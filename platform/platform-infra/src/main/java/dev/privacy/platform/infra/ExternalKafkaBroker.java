package dev.privacy.platform.infra;

/** A broker somebody else runs, named by {@code KAFKA_BOOTSTRAP}. */
public record ExternalKafkaBroker(String bootstrapServers) implements KafkaBroker {

    @Override
    public String kind() {
        return "external";
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
