package dev.privacy.platform.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A real PostgreSQL server that hands out one database per service. */
public interface PostgresServer extends AutoCloseable {

    String host();

    int port();

    String adminUser();

    String adminPassword();

    /** Name of the database the admin connection uses to create others. */
    default String adminDatabase() {
        return "postgres";
    }

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** A connection to {@code database} as the admin user (the caller closes it). */
    default Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), adminUser(), adminPassword());
    }

    /** Creates the database if it does not exist yet; safe to call again. */
    default void createDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Unsafe database name: " + database);
        }
        try (Connection c = connect(adminDatabase()); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) { // created concurrently by another process
                return;
            }
            throw new IllegalStateException("Cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops the server (fast shutdown: open sessions are ended), keeping its data, so that a test can
     * see what the services do while the database is gone. Only a server this process started can be
     * stopped; the others answer {@link UnsupportedOperationException}.
     */
    default void stop() {
        throw new UnsupportedOperationException(kind() + " PostgreSQL cannot be stopped by this process");
    }

    /** Starts the server again (stopping it first if it runs) on the same data directory, port and settings. */
    default void restart() {
        throw new UnsupportedOperationException(kind() + " PostgreSQL cannot be restarted by this process");
    }

    /** Which kind of server this is, for logs: embedded, external or container. */
    String kind();

    @Override
    void close();
}
