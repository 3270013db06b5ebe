package dev.privacy.platform.infra;

import org.testcontainers.DockerClientFactory;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses where PostgreSQL and Kafka come from, in this order: Testcontainers where a Docker
 * engine answers; servers named by the environment ({@code DB_URL}, {@code KAFKA_BOOTSTRAP});
 * otherwise real servers started here (embedded PostgreSQL binaries, a Kafka broker process).
 * {@code PLATFORM_INFRA=containers|external|embedded} forces one choice.
 */
public final class Infrastructure {

    private Infrastructure() {
    }

    public enum Source { CONTAINERS, EXTERNAL, EMBEDDED }

    public static Source postgresSource() {
        return choose(env("DB_URL").isPresent());
    }

    public static Source kafkaSource() {
        return choose(env("KAFKA_BOOTSTRAP").isPresent());
    }

    /** Starts or connects to PostgreSQL; {@code dataDirectory} is only used for an embedded server (null: temporary). */
    public static PostgresServer postgres(Path dataDirectory, int embeddedPort) {
        return switch (postgresSource()) {
            case CONTAINERS -> ContainerPostgresServer.start();
            case EXTERNAL -> new ExternalPostgresServer(env("DB_URL").orElseThrow(),
                    env("DB_USER").orElse("postgres"), env("DB_PASSWORD").orElse("postgres"));
            case EMBEDDED -> EmbeddedPostgresServer.start(dataDirectory, embeddedPort);
        };
    }

    /** Starts or connects to Kafka; {@code dataDirectory} is only used for a broker process. */
    public static KafkaBroker kafka(Path dataDirectory, int processPort) {
        return switch (kafkaSource()) {
            case CONTAINERS -> ContainerKafkaBroker.start();
            case EXTERNAL -> new ExternalKafkaBroker(env("KAFKA_BOOTSTRAP").orElseThrow());
            case EMBEDDED -> KafkaBrokerProcess.start(dataDirectory, processPort);
        };
    }

    private static Source choose(boolean namedByEnvironment) {
        Optional<String> forced = env("PLATFORM_INFRA");
        if (forced.isPresent()) {
            return Source.valueOf(forced.get().toUpperCase(Locale.ROOT));
        }
        if (dockerAvailable()) {
            return Source.CONTAINERS;
        }
        return namedByEnvironment ? Source.EXTERNAL : Source.EMBEDDED;
    }

    private static volatile Boolean docker;

    public static boolean dockerAvailable() {
        if (docker == null) {
            boolean answer;
            try {
                answer = DockerClientFactory.instance().isDockerAvailable();
            } catch (Throwable noEngine) {
                answer = false;
            }
            docker = answer;
        }
        return docker;
    }

    private static Optional<String> env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
