package dev.privacy.platform.local;

import dev.privacy.platform.infra.EmbeddedPostgresServer;
import dev.privacy.platform.infra.ExternalKafkaBroker;
import dev.privacy.platform.infra.ExternalPostgresServer;
import dev.privacy.platform.infra.KafkaBroker;
import dev.privacy.platform.infra.KafkaBrokerProcess;
import dev.privacy.platform.infra.PlatformRunner;
import dev.privacy.platform.infra.PlatformServices;
import dev.privacy.platform.infra.Ports;
import dev.privacy.platform.infra.PostgresServer;
import dev.privacy.platform.infra.ServiceProcess;
import dev.privacy.platform.infra.ServiceSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code run}: starts PostgreSQL (named by {@code DB_URL}, else the host's on 127.0.0.1:5432 if
 * postgres/postgres logs in, else embedded), a Kafka broker (named by {@code KAFKA_BOOTSTRAP}, else a
 * broker process) and the five services, then stays in the foreground until {@code stop} asks it to
 * end (or the JVM is stopped). It holds a lock on {@code .run/launcher.lock} and records every
 * process it started in {@code .run/state}.
 */
final class RunCommand {

    static final int HOST_POSTGRES_PORT = 5432;
    static final int FALLBACK_POSTGRES_PORT = 15432;
    static final int KAFKA_PORT = 9092;
    static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private static final PrintStream OUT = System.out;

    /** Kept reachable for the launcher's life: releasing it tells everyone the launcher is gone. */
    private static FileLock launcherLock;

    private final LocalLayout layout;
    private final RunState state = new RunState();
    private final List<ServiceProcess> launched = new CopyOnWriteArrayList<>();
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private volatile PostgresServer postgres;
    private volatile KafkaBroker kafka;
    private volatile boolean stopping;

    RunCommand(LocalLayout layout) {
        this.layout = layout;
    }

    int run() {
        try {
            Files.createDirectories(layout.runDir());
            FileChannel channel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            launcherLock = channel.tryLock();
            if (launcherLock == null) {
                channel.close();
                RunState current = RunState.load(layout.stateFile());
                say("The local platform is already running (launcher pid " + current.get("launcher.pid", "?")
                        + ", status " + current.get("status", "?") + "); nothing to do.");
                return 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + layout.lockFile(), e);
        }

        RunState previous = RunState.load(layout.stateFile());
        LocalProcesses.stopLeftovers(layout, previous, "left running by a launcher that did not stop cleanly", Duration.ZERO);
        LocalProcesses.deleteQuietly(layout.stopRequest());

        ProcessHandle self = ProcessHandle.current();
        state.put("status", "starting")
                .put("launcher.pid", self.pid())
                .put("launcher.started", self.info().startInstant().map(Instant::toEpochMilli).orElse(-1L))
                .put("root", layout.root())
                .put("since", Instant.now());
        step("checking the service jars and ports");
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "local-platform-shutdown"));

        try {
            List<ServiceSpec> specs = PlatformServices.all(layout.root());
            List<String> missing = specs.stream().filter(s -> !Files.isRegularFile(s.jar()))
                    .map(s -> layout.show(s.jar())).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("The packaged service jars are missing (" + String.join(", ", missing)
                        + "). Build them first: ./mvnw package -DskipTests (or deploy/local/start.sh --build)");
            }
            for (ServiceSpec spec : specs) {
                if (Ports.listening("127.0.0.1", spec.port())) {
                    throw new IllegalStateException("Port " + spec.port() + " (" + spec.name() + ") is already taken by a process"
                            + " this local platform did not start. Stop it (see `ss -ltnp | grep :" + spec.port() + "`) and start again.");
                }
            }
            if (env("KAFKA_BOOTSTRAP").isEmpty() && Ports.listening("127.0.0.1", KAFKA_PORT)) {
                throw kafkaPortTaken();
            }
            state.put("services", String.join(",", specs.stream().map(ServiceSpec::name).toList()));
            for (ServiceSpec spec : specs) {
                state.put("service." + spec.name() + ".port", spec.port())
                        .put("service." + spec.name() + ".log", layout.show(layout.logsDir().resolve(spec.name() + ".log")));
            }

            postgres = choosePostgres();
            kafka = chooseKafka();
            LocalSecrets secrets = LocalSecrets.loadOrCreate(layout.secretsFile());

            step("starting the five services (each logs to " + layout.show(layout.logsDir()) + "/<service>.log)");
            PlatformRunner.Builder runner = PlatformRunner.builder(postgres, kafka, layout.root())
                    .services(specs)
                    .logDirectory(layout.logsDir())
                    .readyTimeout(READY_TIMEOUT)
                    .env(secrets.common())
                    .onLaunched(process -> {
                        launched.add(process);
                        recordProcess("service." + process.name(), process.pid());
                        say("  launched " + process.name() + " (pid " + process.pid() + ", port " + process.port() + ")");
                    });
            secrets.perService().forEach((service, variables) -> variables.forEach((k, v) -> runner.env(service, k, v)));
            runner.start();

            state.put("status", "ready").put("step", "ready").put("ready.at", Instant.now());
            save();
            say("The local platform is ready.");
            StatusCommand.printSummary(layout, state, OUT);
        } catch (RuntimeException e) {
            System.err.println("local-platform: start failed: " + e.getMessage());
            for (Throwable suppressed : e.getSuppressed()) {
                System.err.println("  " + suppressed.getMessage());
            }
            state.put("status", "failed").put("message", e.getMessage());
            save();
            shutdown();
            return 1;
        }

        watchUntilStopRequested();
        shutdown();
        return 0;
    }

    private PostgresServer choosePostgres() {
        Optional<String> dbUrl = env("DB_URL");
        if (dbUrl.isPresent()) {
            step("using the PostgreSQL server named by DB_URL");
            PostgresServer external = new ExternalPostgresServer(dbUrl.get(), env("DB_USER").orElse("postgres"),
                    env("DB_PASSWORD").orElse("postgres"));
            recordPostgres("external", external);
            return external;
        }
        boolean hostPortTaken = Ports.listening("127.0.0.1", HOST_POSTGRES_PORT);
        if (hostPortTaken) {
            String url = "jdbc:postgresql://127.0.0.1:" + HOST_POSTGRES_PORT + "/postgres";
            Optional<String> refused = tryLogin(url, "postgres", "postgres");
            if (refused.isEmpty()) {
                step("using the host's PostgreSQL on 127.0.0.1:" + HOST_POSTGRES_PORT);
                PostgresServer host = new ExternalPostgresServer(url, "postgres", "postgres");
                recordPostgres("host", host);
                return host;
            }
            say("Something listens on 127.0.0.1:" + HOST_POSTGRES_PORT + " but does not accept postgres/postgres (" + refused.get()
                    + "); starting embedded PostgreSQL on port " + FALLBACK_POSTGRES_PORT + " instead."
                    + " To use that server, set DB_URL, DB_USER and DB_PASSWORD.");
        }
        int port = hostPortTaken ? FALLBACK_POSTGRES_PORT : HOST_POSTGRES_PORT;
        if (Ports.listening("127.0.0.1", port)) {
            throw new IllegalStateException("Ports " + HOST_POSTGRES_PORT + " and " + FALLBACK_POSTGRES_PORT
                    + " are both taken, so embedded PostgreSQL has nowhere to listen. Free one of them, or set DB_URL"
                    + " (and DB_USER, DB_PASSWORD) to a PostgreSQL server the platform may create its databases on.");
        }
        step("starting embedded PostgreSQL on port " + port + " (data in " + layout.show(layout.postgresData()) + ")");
        try {
            Files.createDirectories(layout.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start(layout.postgresData(), port);
        recordPostgres("embedded", embedded);
        state.put("postgres.data", layout.show(layout.postgresData()));
        LocalProcesses.postmasterPid(layout).ifPresent(pid -> recordProcess("postgres", pid));
        save();
        return embedded;
    }

    private KafkaBroker chooseKafka() {
        Optional<String> bootstrap = env("KAFKA_BOOTSTRAP");
        if (bootstrap.isPresent()) {
            step("using the Kafka broker named by KAFKA_BOOTSTRAP");
            state.put("kafka.kind", "external").put("kafka.bootstrap", bootstrap.get());
            save();
            return new ExternalKafkaBroker(bootstrap.get());
        }
        if (Ports.listening("127.0.0.1", KAFKA_PORT)) {
            throw kafkaPortTaken();
        }
        step("starting a Kafka broker on port " + KAFKA_PORT + " (data in " + layout.show(layout.kafkaData()) + ")");
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(layout.kafkaData(), KAFKA_PORT);
        state.put("kafka.kind", "process").put("kafka.bootstrap", broker.bootstrapServers())
                .put("kafka.data", layout.show(layout.kafkaData()));
        recordProcess("kafka", broker.pid());
        return broker;
    }

    private static IllegalStateException kafkaPortTaken() {
        return new IllegalStateException("Port " + KAFKA_PORT + " is taken by a process this local platform did not start,"
                + " so its Kafka broker cannot listen there. Stop that process (see `ss -ltnp | grep :" + KAFKA_PORT
                + "`), or, if it is a Kafka broker the platform may use, start with KAFKA_BOOTSTRAP=127.0.0.1:" + KAFKA_PORT + ".");
    }

    private void watchUntilStopRequested() {
        List<String> reported = new ArrayList<>();
        while (!Files.exists(layout.stopRequest())) {
            LocalProcesses.sleep(500);
            for (ServiceProcess service : launched) {
                if (!service.isAlive() && !reported.contains(service.name()) && !stopping) {
                    reported.add(service.name());
                    String code = service.exitValue().map(String::valueOf).orElse("?");
                    say(service.name() + " exited unexpectedly with code " + code + "; see " + layout.show(service.logFile()));
                    state.put("service." + service.name() + ".exited", code);
                    save();
                }
            }
        }
        say("Stop requested.");
    }

    /** Stops, in order, the services, the broker and embedded PostgreSQL; runs once (also as the shutdown hook). */
    private void shutdown() {
        if (!shutDown.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        boolean failed = "failed".equals(state.get("status"));
        if (!failed) {
            state.put("status", "stopping");
            save();
        }
        PlatformRunner.stopAll(launched);
        if (!launched.isEmpty()) {
            say("Stopped the services.");
        }
        closeQuietly(kafka, "the Kafka broker");
        closeQuietly(postgres, "PostgreSQL");
        if (!failed) {
            state.put("status", "stopped").put("step", "stopped");
        }
        state.put("stopped.at", Instant.now());
        save();
        LocalProcesses.deleteQuietly(layout.stopRequest());
    }

    private void closeQuietly(AutoCloseable resource, String what) {
        if (resource == null) {
            return;
        }
        boolean ours = !(resource instanceof ExternalKafkaBroker || resource instanceof ExternalPostgresServer);
        try {
            resource.close();
            if (ours) {
                say("Stopped " + what + ".");
            }
        } catch (Exception e) {
            System.err.println("local-platform: stopping " + what + " failed: " + e.getMessage());
        }
    }

    private void recordPostgres(String kind, PostgresServer server) {
        state.put("postgres.kind", kind).put("postgres.host", server.host()).put("postgres.port", server.port())
                .put("postgres.user", server.adminUser());
        save();
    }

    private void recordProcess(String prefix, long pid) {
        state.put(prefix + ".pid", pid)
                .put(prefix + ".started", ProcessHandle.of(pid).flatMap(h -> h.info().startInstant())
                        .map(Instant::toEpochMilli).orElse(-1L));
        save();
    }

    private void step(String step) {
        say(step.substring(0, 1).toUpperCase() + step.substring(1) + " …");
        state.put("step", step);
        save();
    }

    private void save() {
        state.save(layout.stateFile());
    }

    private static void say(String line) {
        OUT.println("[" + Instant.now().toString().substring(11, 19) + "] " + line);
        OUT.flush();
    }

    private static Optional<String> tryLogin(String url, String user, String password) {
        DriverManager.setLoginTimeout(5);
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
