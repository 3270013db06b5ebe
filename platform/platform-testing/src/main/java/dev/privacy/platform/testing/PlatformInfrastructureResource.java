package dev.privacy.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The one test resource of every service: real PostgreSQL (a database named after the service) and
 * a real Kafka broker. Use with {@code @QuarkusTestResource(value = PlatformInfrastructureResource.class,
 * initArgs = @ResourceArg(name = "database", value = "member"))}.
 */
public class PlatformInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        SharedInfrastructure infra = SharedInfrastructure.get();
        infra.postgres().createDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", infra.postgres().jdbcUrl(database),
                "quarkus.datasource.username", infra.postgres().adminUser(),
                "quarkus.datasource.password", infra.postgres().adminPassword(),
                "kafka.bootstrap.servers", infra.kafka().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared for the whole test JVM; stopped by SharedInfrastructure's shutdown hook
    }
}
