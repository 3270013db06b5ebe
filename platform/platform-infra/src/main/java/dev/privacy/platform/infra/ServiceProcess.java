package dev.privacy.platform.infra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One platform service running from its packaged Quarkus fast-jar as a child process
 * ({@code java -Xmx256m -XX:+UseSerialGC -jar quarkus-run.jar}, with the java binary of this JVM).
 *
 * <p>The process gets {@code DB_URL} (its own database), {@code DB_USER}, {@code DB_PASSWORD},
 * {@code KAFKA_BOOTSTRAP}, {@code QUARKUS_HTTP_PORT}, {@code QUARKUS_PROFILE=local} and the
 * dev JWT key locations (a packaged jar runs in the prod profile, which demands them), then whatever
 * the caller adds with {@link Builder#env} — added variables win. Its output is appended to a log
 * file. Tests use {@link #kill()} to crash it and {@link #restart()} to bring it back.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private final ServiceSpec spec;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final Thread shutdownHook;
    private volatile Process process;

    private ServiceProcess(ServiceSpec spec, List<String> command, Map<String, String> environment, Path logFile) {
        this.spec = spec;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::destroyOnExit, "stop-" + spec.name());
    }

    public static Builder builder(ServiceSpec spec) {
        return new Builder(spec);
    }

    public ServiceSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public int port() {
        return spec.port();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return spec.baseUrl();
    }

    public Path logFile() {
        return logFile;
    }

    /** The environment this process gets on top of the caller's (for diagnostics; contains dev secrets only). */
    public Map<String, String> environment() {
        return environment;
    }

    public long pid() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException(spec.name() + " has not been started");
        }
        return p.pid();
    }

    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The exit code, once the process has ended. */
    public Optional<Integer> exitValue() {
        Process p = process;
        return p == null || p.isAlive() ? Optional.empty() : Optional.of(p.exitValue());
    }

    /**
     * Polls {@code /q/health/ready} until it answers 200. Fails with the last answer and the log
     * file if the process ends first or the time runs out (the process is left as it is).
     */
    public ServiceProcess awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        URI ready = URI.create(baseUrl() + "/q/health/ready");
        String last = "no answer yet";
        while (true) {
            Process p = process;
            if (p == null) {
                throw new IllegalStateException(spec.name() + " has not been started");
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with code " + p.exitValue()
                        + " before it was ready; last health answer: " + last + "; log: " + logFile + logTail());
            }
            try {
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(3)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return this;
                }
                last = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
            } catch (ConnectException e) {
                last = "connection refused";
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + spec.name(), e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(spec.name() + " was not ready within " + timeout
                        + "; last health answer: " + last + "; log: " + logFile + logTail());
            }
            sleep(250);
        }
    }

    /** Ends the process at once (SIGKILL), as a crash would; nothing is flushed or closed. */
    public synchronized void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        waitFor(p, Duration.ofSeconds(15));
    }

    /** Asks the process to shut down (SIGTERM) and waits; forces it after 30 seconds. */
    public synchronized void stop() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        if (!waitFor(p, GRACEFUL_STOP)) {
            p.destroyForcibly();
            waitFor(p, Duration.ofSeconds(15));
        }
    }

    /** Starts the service again with the same command and environment, stopping it first if it still runs. */
    public synchronized ServiceProcess restart() {
        stop();
        launch();
        return this;
    }

    /** Stops the process (gracefully) and forgets it. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException alreadyGoneOrShuttingDown) {
            // nothing to remove
        }
    }

    @Override
    public String toString() {
        Process p = process;
        return spec.name() + "[port " + spec.port() + (p == null ? ", not started" : ", pid " + p.pid()
                + (p.isAlive() ? "" : ", exited " + p.exitValue())) + "]";
    }

    private synchronized void launch() {
        if (isAlive()) {
            throw new IllegalStateException(spec.name() + " is already running (pid " + pid() + ")");
        }
        if (!Files.isRegularFile(spec.jar())) {
            throw new IllegalStateException("The packaged jar of " + spec.name() + " is missing: " + spec.jar()
                    + ". Build it first: ./mvnw package -DskipTests");
        }
        requirePortFree(spec);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(logFile, "---- " + Instant.now() + " starting " + spec.name() + " on port " + spec.port()
                            + ": " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(spec.jar().toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + spec.name(), e);
        }
    }

    /** Fails with a clear message if something already listens on the service's port. */
    static void requirePortFree(ServiceSpec spec) {
        boolean free;
        if (Ports.listening("127.0.0.1", spec.port())) {
            free = false;
        } else {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(spec.port()));
                free = true;
            } catch (IOException e) {
                free = false;
            }
        }
        if (!free) {
            throw new IllegalStateException("Port " + spec.port() + " is already taken by another process; cannot start "
                    + spec.name() + " there. Stop whatever listens on " + spec.port() + " (e.g. `ss -ltnp | grep :"
                    + spec.port() + "`) and try again.");
        }
    }

    private void destroyOnExit() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!waitFor(p, Duration.ofSeconds(20))) {
                p.destroyForcibly();
            }
        }
    }

    private String logTail() {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 4096);
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            List<String> lines = text.lines().toList();
            List<String> tail = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            return tail.isEmpty() ? "" : System.lineSeparator() + "  | " + String.join(System.lineSeparator() + "  | ", tail);
        } catch (IOException e) {
            return "";
        }
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static boolean waitFor(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Configures and starts a {@link ServiceProcess}. */
    public static final class Builder {

        private final ServiceSpec spec;
        private String jdbcUrl;
        private String dbUser;
        private String dbPassword;
        private String kafkaBootstrap;
        private Path logFile;
        private String maxHeap = "256m";
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();

        private Builder(ServiceSpec spec) {
            this.spec = Objects.requireNonNull(spec, "spec");
        }

        /** The service's database on this server ({@code spec.database()}); the database must exist. */
        public Builder postgres(PostgresServer postgres) {
            return database(postgres.jdbcUrl(spec.database()), postgres.adminUser(), postgres.adminPassword());
        }

        public Builder database(String jdbcUrl, String user, String password) {
            this.jdbcUrl = jdbcUrl;
            this.dbUser = user;
            this.dbPassword = password;
            return this;
        }

        public Builder kafka(KafkaBroker broker) {
            return kafkaBootstrap(broker.bootstrapServers());
        }

        public Builder kafkaBootstrap(String bootstrapServers) {
            this.kafkaBootstrap = bootstrapServers;
            return this;
        }

        /** Where output goes (appended); default {@code <module>/target/<service>.log}. */
        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        /** An extra environment variable; overrides the defaults of this class. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> variables) {
            env.putAll(variables);
            return this;
        }

        /** A {@code -Dname=value} before {@code -jar}. */
        public Builder systemProperty(String name, String value) {
            systemProperties.put(name, value);
            return this;
        }

        public Builder systemProperties(Map<String, String> properties) {
            systemProperties.putAll(properties);
            return this;
        }

        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Space-separated JVM options (e.g. a profiler's); blank adds none. */
        public Builder jvmOptions(String options) {
            for (String option : options.trim().split("\\s+")) {
                if (!option.isEmpty()) {
                    jvmOptions.add(option);
                }
            }
            return this;
        }

        public Builder maxHeap(String size) {
            this.maxHeap = size;
            return this;
        }

        /** Builds the process without starting it. */
        public ServiceProcess build() {
            if (jdbcUrl == null) {
                throw new IllegalStateException("No database configured for " + spec.name());
            }
            if (kafkaBootstrap == null) {
                throw new IllegalStateException("No Kafka broker configured for " + spec.name());
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + maxHeap);
            command.add("-XX:+UseSerialGC");
            command.addAll(jvmOptions);
            systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add("-jar");
            command.add(spec.jar().toAbsolutePath().toString());

            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("DB_URL", jdbcUrl);
            environment.put("DB_USER", dbUser);
            environment.put("DB_PASSWORD", dbPassword);
            environment.put("KAFKA_BOOTSTRAP", kafkaBootstrap);
            environment.put("QUARKUS_HTTP_PORT", Integer.toString(spec.port()));
            // The "local" runtime profile: like prod, but with the dev JWT key pair and an
            // adjustable clock, neither of which the prod profile can ever be configured to use.
            environment.put("QUARKUS_PROFILE", "local");
            environment.putAll(env);

            Path log = logFile != null ? logFile
                    : spec.jar().toAbsolutePath().getParent().getParent().resolve(spec.name() + ".log");
            return new ServiceProcess(spec, command, environment, log);
        }

        /** Builds and starts the process (it is not ready yet: see {@link ServiceProcess#awaitReady}). */
        public ServiceProcess start() {
            ServiceProcess service = build();
            service.launch();
            Runtime.getRuntime().addShutdownHook(service.shutdownHook);
            return service;
        }
    }
}
