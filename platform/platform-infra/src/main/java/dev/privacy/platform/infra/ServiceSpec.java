package dev.privacy.platform.infra;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One platform service as a process: its name, the HTTP port it listens on, the name of the
 * PostgreSQL database it owns, and its packaged Quarkus fast-jar
 * ({@code <module>/target/quarkus-app/quarkus-run.jar}). The jar path may be relative to the
 * repository root until {@link #resolveAgainst(Path)} makes it absolute.
 */
public record ServiceSpec(String name, int port, String database, Path jar) {

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(jar, "jar");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid port " + port + " for " + name);
        }
    }

    /** The spec of a service whose Maven module directory is named like the service. */
    public static ServiceSpec of(String name, int port, String database) {
        return new ServiceSpec(name, port, database, Path.of(name, "target", "quarkus-app", "quarkus-run.jar"));
    }

    /** This spec with the jar path resolved against the repository root (unchanged if already absolute). */
    public ServiceSpec resolveAgainst(Path repositoryRoot) {
        if (jar.isAbsolute()) {
            return this;
        }
        return new ServiceSpec(name, port, database, repositoryRoot.toAbsolutePath().resolve(jar).normalize());
    }

    /** The same service on another port, e.g. a free one in a test. */
    public ServiceSpec withPort(int newPort) {
        return new ServiceSpec(name, newPort, database, jar);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
