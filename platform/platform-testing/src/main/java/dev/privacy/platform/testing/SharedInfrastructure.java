package dev.privacy.platform.testing;

import dev.privacy.platform.infra.Infrastructure;
import dev.privacy.platform.infra.KafkaBroker;
import dev.privacy.platform.infra.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One PostgreSQL server and one Kafka broker per test JVM, started on first use (in parallel) and
 * stopped when the JVM exits. Where they come from is {@link Infrastructure}'s choice.
 */
public final class SharedInfrastructure {

    private static volatile SharedInfrastructure instance;

    private final PostgresServer postgres;
    private final KafkaBroker kafka;

    private SharedInfrastructure(PostgresServer postgres, KafkaBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static SharedInfrastructure get() {
        if (instance == null) {
            synchronized (SharedInfrastructure.class) {
                if (instance == null) {
                    instance = start();
                    Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
                }
            }
        }
        return instance;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    private static SharedInfrastructure start() {
        Path kafkaData;
        try {
            kafkaData = Files.createTempDirectory("kafka-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(() -> Infrastructure.kafka(kafkaData, 0));
        PostgresServer postgres = Infrastructure.postgres(null, 0);
        return new SharedInfrastructure(postgres, kafka.join());
    }

    private void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
