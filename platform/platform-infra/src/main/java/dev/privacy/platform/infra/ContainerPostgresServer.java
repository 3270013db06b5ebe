package dev.privacy.platform.infra;

import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL in a Testcontainers container, used where a Docker engine answers. */
public final class ContainerPostgresServer implements PostgresServer {

    private final PostgreSQLContainer container;

    private ContainerPostgresServer(PostgreSQLContainer container) {
        this.container = container;
    }

    public static ContainerPostgresServer start() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine")
                .withDatabaseName("postgres")
                .withUsername("postgres")
                .withPassword("postgres")
                .withCommand("postgres", "-c", "max_connections=300");
        container.start();
        return new ContainerPostgresServer(container);
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(5432);
    }

    @Override
    public String adminUser() {
        return container.getUsername();
    }

    @Override
    public String adminPassword() {
        return container.getPassword();
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
