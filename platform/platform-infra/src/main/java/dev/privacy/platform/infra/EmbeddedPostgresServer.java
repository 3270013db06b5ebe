package dev.privacy.platform.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real PostgreSQL binaries from Maven Central (zonky), started as a child process.
 * With a data directory the cluster survives restarts (local platform); without one it
 * lives in a temporary folder (tests).
 *
 * <p>{@link #stop()} and {@link #restart()} use the cluster's own {@code pg_ctl} (found beside the
 * running {@code postgres} binary) on the same data directory: a restart reuses the options the
 * server was started with ({@code postmaster.opts}), so it comes back on the same port and settings.
 */
public final class EmbeddedPostgresServer implements PostgresServer {

    private static final int PG_CTL_WAIT_SECONDS = 60;

    private final EmbeddedPostgres postgres;
    /** Found while the server runs, before its first stop (the postmaster must be there to be asked). */
    private Path dataDirectory;
    private Path pgCtl;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * The settings of a server for five services rather than PostgreSQL's defaults, which are sized
     * for a small shared machine. With 128 MB of shared buffers and 1 GB of WAL between checkpoints,
     * a million-schedule destruction wave (issue 8, run 15) forced a checkpoint every 15 s; after
     * each, the first change to every index page wrote the whole page to the WAL again (4.5 million
     * full-page images, 31 GB of WAL), and backends wrote out 14 million evicted pages themselves.
     * Durability is untouched: fsync and synchronous commit stay on.
     */
    static final Map<String, String> SERVER_SETTINGS = Map.of(
            "max_connections", "300",
            "fsync", "on",
            "shared_buffers", "2GB",
            "max_wal_size", "16GB",
            "min_wal_size", "1GB",
            "checkpoint_timeout", "15min");

    /**
     * Extra server settings, {@code name=value} separated by {@code ;}, from the system property of this
     * name: a benchmark asks for {@code shared_preload_libraries=pg_stat_statements} to see where the
     * server spends its time. Tests and the local platform leave it unset.
     */
    public static final String EXTRA_CONFIG_PROPERTY = "privacy.postgres.embedded.config";

    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            SERVER_SETTINGS.forEach(builder::setServerConfig);
            for (String setting : System.getProperty(EXTRA_CONFIG_PROPERTY, "").split(";")) {
                int eq = setting.indexOf('=');
                if (eq > 0) {
                    builder.setServerConfig(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
                } else if (!setting.isBlank()) {
                    throw new IllegalArgumentException(EXTRA_CONFIG_PROPERTY + ": '" + setting + "' is not name=value");
                }
            }
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String adminUser() {
        return "postgres";
    }

    @Override
    public String adminPassword() {
        return "postgres";
    }

    @Override
    public String kind() {
        return "embedded";
    }

    /** Fast shutdown through {@code pg_ctl stop}: sessions are ended, the data stays. */
    @Override
    public synchronized void stop() {
        locateCluster();
        if (!Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            return; // already stopped
        }
        pgCtl("stop", "-m", "fast");
    }

    /**
     * {@code pg_ctl restart}: stops the server if it runs, then starts it with the options of its last
     * start (same port, same settings) and waits until it accepts connections.
     */
    @Override
    public synchronized void restart() {
        locateCluster();
        pgCtl("restart", "-m", "fast", "-l", dataDirectory.resolveSibling(dataDirectory.getFileName() + "-restart.log").toString());
        awaitConnections();
    }

    private void locateCluster() {
        if (pgCtl != null) {
            return;
        }
        try {
            Path data = Path.of(showDataDirectory());
            Path ctl = pgCtlBesidePostmaster(data);
            if (!Files.isExecutable(ctl)) {
                throw new UnsupportedOperationException("no pg_ctl beside the embedded postmaster: " + ctl);
            }
            dataDirectory = data;
            pgCtl = ctl;
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new UnsupportedOperationException("embedded PostgreSQL cannot be stopped here: " + e.getMessage(), e);
        }
    }

    private void pgCtl(String action, String... options) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as zonky does: PostgreSQL refuses to run as root, so run it as root of a user namespace
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), action, "-D", dataDirectory.toString(), "-w",
                "-t", Integer.toString(PG_CTL_WAIT_SECONDS)));
        command.addAll(List.of(options));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            // pg_ctl hands its output to the server it starts; read only what pg_ctl itself says
            String output = new String(p.getInputStream().readNBytes(8192), StandardCharsets.UTF_8);
            if (!p.waitFor(PG_CTL_WAIT_SECONDS + 30L, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("pg_ctl " + action + " did not finish: " + output);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl " + action + " failed (" + p.exitValue() + "): " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run pg_ctl " + action, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during pg_ctl " + action, e);
        }
    }

    private void awaitConnections() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PG_CTL_WAIT_SECONDS);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = connect(adminDatabase())) {
                return;
            } catch (SQLException notYet) {
                last = notYet;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("PostgreSQL did not accept connections after its restart", last);
    }

    private String showDataDirectory() {
        try (Connection c = connect(adminDatabase());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW data_directory")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the embedded server's data directory", e);
        }
    }

    /** The {@code pg_ctl} of the binaries that run this cluster: beside the postmaster's executable. */
    private static Path pgCtlBesidePostmaster(Path dataDirectory) {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
            Path postgresBinary = ProcessHandle.of(pid).flatMap(h -> h.info().command()).map(Path::of)
                    .orElseThrow(() -> new IllegalStateException("Cannot see the postmaster's executable (pid " + pid + ")"));
            String name = postgresBinary.getFileName().toString().endsWith(".exe") ? "pg_ctl.exe" : "pg_ctl";
            return postgresBinary.resolveSibling(name);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read postmaster.pid of " + dataDirectory, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
