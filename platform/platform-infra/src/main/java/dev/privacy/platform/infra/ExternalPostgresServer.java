package dev.privacy.platform.infra;

import java.net.URI;

/** A PostgreSQL server somebody else runs, named by {@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD}. */
public final class ExternalPostgresServer implements PostgresServer {

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;

    public ExternalPostgresServer(String jdbcUrl, String user, String password) {
        URI uri = URI.create(jdbcUrl.replaceFirst("^jdbc:", ""));
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String path = uri.getPath();
        this.database = path == null || path.length() <= 1 ? "postgres" : path.substring(1);
        this.user = user;
        this.password = password;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String adminUser() {
        return user;
    }

    @Override
    public String adminPassword() {
        return password;
    }

    @Override
    public String adminDatabase() {
        return database;
    }

    @Override
    public String kind() {
        return "external";
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
