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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The local platform, one command: PostgreSQL (named by {@code DB_URL}, else the host's on
 * 127.0.0.1:5432 if postgres/postgres logs in, else embedded with data in
 * {@code deploy/local/.data/postgres}), a Kafka broker (named by {@code KAFKA_BOOTSTRAP}, else a
 * broker process with data in {@code deploy/local/.data/kafka}) and the five services from their
 * packaged jars.
 *
 * <pre>
 * run            start everything and stay in the foreground until stopped (start.sh runs this with nohup)
 * status         what runs, with its URLs (exit 0 ready, 3 not running, 4 starting, 5 stopping, 1 failed)
 * stop           stop everything a launcher started, also what a crashed launcher left behind
 * token ROLE [SUBJECT]   print a dev JWT
 * </pre>
 *
 * The launcher JVM owns the broker and embedded PostgreSQL, so it keeps running while the
 * platform runs; it holds a lock on {@code .run/launcher.lock} and records every process it
 * started in {@code .run/state}.
 */
public final class LocalPlatform {

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

    private LocalPlatform(LocalLayout layout) {
        this.layout = layout;
    }

    public static void main(String[] args) {
        // the launcher's own log stays readable: PostgreSQL and Kafka client chatter only when it matters
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky", System.getProperty("org.slf4j.simpleLogger.log.io.zonky", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn"));
        int code;
        try {
            code = execute(args);
        } catch (RuntimeException e) {
            System.err.println("local-platform: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static int execute(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        return switch (command) {
            case "run" -> new LocalPlatform(LocalLayout.detect()).run();
            case "status" -> status(LocalLayout.detect(), args.length > 1 && args[1].equals("--quiet"));
            case "stop" -> stop(LocalLayout.detect());
            case "token" -> token(LocalLayout.detect(), args);
            case "demo" -> demo(LocalLayout.detect());
            case "help", "-h", "--help" -> usage(OUT, 0);
            default -> usage(System.err, 2);
        };
    }

    private static int usage(PrintStream out, int code) {
        out.println("""
                usage: java -jar local-platform.jar COMMAND
                  run                     start PostgreSQL, Kafka and the five services; stay until stopped
                  status [--quiet]        what runs and where (exit 0 ready, 3 not running, 4 starting, 5 stopping, 1 failed)
                  stop                    stop everything the launcher started
                  token ROLE [SUBJECT]    print a dev JWT; ROLE is one of member, privacy-officer, compliance, ops, service
                  demo                    narrate a member's life through the running platform, step by step
                Normally used through deploy/local/start.sh, stop.sh and token.sh.""");
        return code;
    }

    // ------------------------------------------------------------------------------------ run

    private int run() {
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
        stopLeftovers(layout, previous, "left running by a launcher that did not stop cleanly", Duration.ZERO);
        deleteQuietly(layout.stopRequest());

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
            printSummary(layout, state, OUT);
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
        postmasterPid(layout).ifPresent(pid -> recordProcess("postgres", pid));
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
            sleep(500);
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
        deleteQuietly(layout.stopRequest());
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

    // --------------------------------------------------------------------------------- status

    private static int status(LocalLayout layout, boolean quiet) {
        RunState s = RunState.load(layout.stateFile());
        PrintStream out = quiet ? new PrintStream(PrintStream.nullOutputStream()) : OUT;
        if (!launcherRunning(layout)) {
            List<String> leftovers = describeLeftovers(layout, s);
            if (!leftovers.isEmpty()) {
                out.println("The local platform's launcher is not running, but processes it started are: "
                        + String.join(", ", leftovers) + ". Run deploy/local/stop.sh to stop them.");
            } else if ("failed".equals(s.get("status"))) {
                out.println("The local platform is not running; its last start failed: " + s.get("message", "?"));
                out.println("See " + layout.show(layout.platformLog()) + ".");
            } else {
                out.println("The local platform is not running. Start it with deploy/local/start.sh");
            }
            return 3;
        }
        String status = s.get("status", "starting");
        switch (status) {
            case "ready" -> {
                printSummary(layout, s, out);
                return 0;
            }
            case "failed" -> {
                out.println("The local platform failed to start: " + s.get("message", "?"));
                return 1;
            }
            case "stopping", "stopped" -> {
                out.println("The local platform is stopping.");
                return 5;
            }
            default -> {
                out.println("The local platform is starting (launcher pid " + s.get("launcher.pid", "?") + "): "
                        + s.get("step", "…") + ". Log: " + layout.show(layout.platformLog()));
                return 4;
            }
        }
    }

    static void printSummary(LocalLayout layout, RunState s, PrintStream out) {
        out.println();
        out.println("Local privacy platform — ready (launcher pid " + s.get("launcher.pid", "?") + ")");
        String pgKind = s.get("postgres.kind", "?");
        out.println("  PostgreSQL  " + pgKind + " " + s.get("postgres.host", "?") + ":" + s.get("postgres.port", "?")
                + ("embedded".equals(pgKind) ? "  (data " + s.get("postgres.data", "") + ", user postgres/postgres)" : ""));
        String kafkaKind = s.get("kafka.kind", "?");
        out.println("  Kafka       " + kafkaKind + " " + s.get("kafka.bootstrap", "?")
                + ("process".equals(kafkaKind) ? "  (data " + s.get("kafka.data", "") + ")" : ""));
        out.println();
        for (String name : s.list("services")) {
            String port = s.get("service." + name + ".port", "?");
            String base = "http://localhost:" + port;
            long pid = s.getLong("service." + name + ".pid");
            boolean alive = isOurs(pid, s.getLong("service." + name + ".started"));
            out.printf("  %-19s %s  (pid %d%s, log %s)%n", name, base + "/v1/…", pid, alive ? "" : ", NOT RUNNING",
                    s.get("service." + name + ".log", "?"));
            out.printf("  %-19s Swagger UI %s/q/swagger-ui   OpenAPI %s/q/openapi%n", "", base, base);
            out.printf("  %-19s health %s/q/health   metrics %s/q/metrics%n", "", base, base);
        }
        out.println();
        out.println("  Tokens:  deploy/local/token.sh ROLE [SUBJECT]   (ROLE: " + String.join(", ", DevTokens.ROLES) + ")");
        out.println("           e.g. curl -H \"Authorization: Bearer $(deploy/local/token.sh privacy-officer)\" http://localhost:8081/q/health");
        out.println("           member tokens also come from member-service's login; use the member's ID as SUBJECT here.");
        out.println("  Logs:    " + layout.show(layout.platformLog()) + " and " + layout.show(layout.logsDir()) + "/<service>.log");
        out.println("  Stop:    deploy/local/stop.sh");
        out.flush();
    }

    // ----------------------------------------------------------------------------------- stop

    private static int stop(LocalLayout layout) {
        RunState s = RunState.load(layout.stateFile());
        boolean wasRunning = launcherRunning(layout);
        if (wasRunning) {
            OUT.println("Stopping the local platform (launcher pid " + s.get("launcher.pid", "?") + ") …");
            try {
                Files.createDirectories(layout.runDir());
                Files.writeString(layout.stopRequest(), Instant.now().toString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (launcherRunning(layout) && Instant.now().isBefore(deadline)) {
                sleep(300);
            }
            if (launcherRunning(layout)) {
                long pid = s.getLong("launcher.pid");
                OUT.println("The launcher did not stop within 3 minutes; terminating it.");
                ProcessHandle.of(pid).ifPresent(h -> terminate(h, Duration.ofSeconds(60)));
            }
        }
        // what the launcher stopped may take a moment to exit; only then is anything still running a leftover
        int left = stopLeftovers(layout, RunState.load(layout.stateFile()), "still running", Duration.ofSeconds(10));
        deleteQuietly(layout.stopRequest());
        if (!wasRunning && left == 0) {
            OUT.println("The local platform is not running; nothing to stop.");
        } else {
            OUT.println("The local platform is stopped.");
        }
        return 0;
    }

    /** Stops processes recorded in {@code s} that still run (services, then broker, then PostgreSQL). */
    static int stopLeftovers(LocalLayout layout, RunState s, String why, Duration exitingGrace) {
        int stopped = 0;
        for (String name : s.list("services")) {
            stopped += stopIfOurs(name, s.getLong("service." + name + ".pid"), s.getLong("service." + name + ".started"), why, exitingGrace);
        }
        if ("process".equals(s.get("kafka.kind"))) {
            stopped += stopIfOurs("the Kafka broker", s.getLong("kafka.pid"), s.getLong("kafka.started"), why, exitingGrace);
        }
        if ("embedded".equals(s.get("postgres.kind"))) {
            int before = stopped;
            stopped += stopIfOurs("embedded PostgreSQL", s.getLong("postgres.pid"), s.getLong("postgres.started"), why, exitingGrace);
            if (stopped == before) {
                // recorded pid unknown: trust postmaster.pid in our own data directory
                Optional<Long> pid = postmasterPid(layout);
                if (pid.isPresent() && ProcessHandle.of(pid.get()).map(h -> h.isAlive()
                        && h.info().command().map(c -> c.contains("postgres")).orElse(false)).orElse(false)) {
                    stopped += stopIfOurs("embedded PostgreSQL", pid.get(), -1, why, exitingGrace);
                }
            }
        }
        return stopped;
    }

    private static List<String> describeLeftovers(LocalLayout layout, RunState s) {
        List<String> alive = new ArrayList<>();
        for (String name : s.list("services")) {
            long pid = s.getLong("service." + name + ".pid");
            if (isOurs(pid, s.getLong("service." + name + ".started"))) {
                alive.add(name + " (pid " + pid + ")");
            }
        }
        if ("process".equals(s.get("kafka.kind")) && isOurs(s.getLong("kafka.pid"), s.getLong("kafka.started"))) {
            alive.add("Kafka broker (pid " + s.getLong("kafka.pid") + ")");
        }
        if ("embedded".equals(s.get("postgres.kind")) && isOurs(s.getLong("postgres.pid"), s.getLong("postgres.started"))) {
            alive.add("embedded PostgreSQL (pid " + s.getLong("postgres.pid") + ")");
        }
        return alive;
    }

    private static int stopIfOurs(String what, long pid, long started, String why, Duration exitingGrace) {
        if (!isOurs(pid, started)) {
            return 0;
        }
        if (!exitingGrace.isZero()) {
            ProcessHandle.of(pid).ifPresent(h -> {
                try {
                    h.onExit().get(exitingGrace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (Exception stillRunning) {
                    // stopped below
                }
            });
            if (!isOurs(pid, started)) {
                return 0;
            }
        }
        OUT.println("Stopping " + what + " (pid " + pid + "), " + why + " …");
        ProcessHandle.of(pid).ifPresent(h -> terminate(h, Duration.ofSeconds(30)));
        return 1;
    }

    /** Alive, and started when we recorded it (a pid reused by another program is not ours). */
    static boolean isOurs(long pid, long startedMillis) {
        if (pid <= 0) {
            return false;
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(h -> startedMillis <= 0
                || h.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - startedMillis) < 2000).orElse(true))
                .orElse(false);
    }

    private static void terminate(ProcessHandle handle, Duration grace) {
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception notYet) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the caller's next status
            }
        }
    }

    private static Optional<Long> postmasterPid(LocalLayout layout) {
        Path pidFile = layout.postgresData().resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether some launcher holds the lock. */
    static boolean launcherRunning(LocalLayout layout) {
        if (!Files.exists(layout.lockFile())) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(layout.lockFile(), StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------- token

    private static int token(LocalLayout layout, String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: token.sh ROLE [SUBJECT]   (ROLE: " + String.join(", ", DevTokens.ROLES) + ")");
            return 2;
        }
        String role = args[1];
        if (!DevTokens.ROLES.contains(role)) {
            System.err.println("Unknown role '" + role + "'; use one of " + String.join(", ", DevTokens.ROLES));
            return 2;
        }
        String subject = args.length == 3 ? args[2] : "dev-" + role;
        if (role.equals("member") && args.length < 3) {
            System.err.println("note: a member reaches only their own resources; pass the member's ID as SUBJECT.");
        }
        OUT.println(DevTokens.sign(DevTokens.readPrivateKey(layout.devPrivateKey()), role, subject, Instant.now(), DevTokens.LIFETIME));
        return 0;
    }

    // ----------------------------------------------------------------------------------- demo

    private static int demo(LocalLayout layout) {
        try {
            return new Demo(OUT, DevTokens.readPrivateKey(layout.devPrivateKey()), "127.0.0.1").run();
        } catch (Demo.DemoFailure e) {
            System.err.println("demo stopped: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("demo failed: " + e);
            return 1;
        }
    }

    // -------------------------------------------------------------------------------- helpers

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale request is harmless: the next launcher deletes it
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
