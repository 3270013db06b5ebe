package dev.privacy.platform.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs platform services as separate processes (their packaged jars) against one PostgreSQL
 * server and one Kafka broker: creates each service's database, starts every process at once
 * (they boot in parallel), then waits until all report ready. {@link #close()} stops them; the
 * PostgreSQL server and the broker belong to the caller.
 *
 * <pre>{@code
 * try (PlatformRunner platform = PlatformRunner.builder(postgres, kafka, repositoryRoot)
 *         .env("PLATFORM_RELAY_ENABLED", "false")
 *         .start()) {
 *     platform.service("member-service").kill();
 * }
 * }</pre>
 */
public final class PlatformRunner implements AutoCloseable {

    private final Map<String, ServiceProcess> services;

    private PlatformRunner(Map<String, ServiceProcess> services) {
        this.services = Collections.unmodifiableMap(services);
    }

    public static Builder builder(PostgresServer postgres, KafkaBroker kafka, Path repositoryRoot) {
        return new Builder(postgres, kafka, repositoryRoot);
    }

    /** The running services, in start order. */
    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new NoSuchElementException("No service " + name + " in this runner; it has " + services.keySet());
        }
        return service;
    }

    /** Stops every service (gracefully, in parallel). */
    @Override
    public void close() {
        stopAll(services.values());
    }

    /** Stops the given processes gracefully, in parallel, and waits for all of them. */
    public static void stopAll(Iterable<ServiceProcess> processes) {
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess process : processes) {
            Thread stopper = new Thread(process::close, "stop-" + process.name());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Configures and starts a {@link PlatformRunner}. */
    public static final class Builder {

        private final PostgresServer postgres;
        private final KafkaBroker kafka;
        private final Path repositoryRoot;
        private List<ServiceSpec> specs = PlatformServices.ALL;
        private Path logDirectory;
        private Duration readyTimeout = Duration.ofMinutes(4);
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> serviceEnv = new LinkedHashMap<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private Consumer<ServiceProcess> onLaunched = p -> { };

        private Builder(PostgresServer postgres, KafkaBroker kafka, Path repositoryRoot) {
            this.postgres = Objects.requireNonNull(postgres, "postgres");
            this.kafka = Objects.requireNonNull(kafka, "kafka");
            this.repositoryRoot = Objects.requireNonNull(repositoryRoot, "repositoryRoot");
        }

        /** Which services to run (default: {@link PlatformServices#ALL}); relative jar paths resolve against the repository root. */
        public Builder services(List<ServiceSpec> services) {
            this.specs = List.copyOf(services);
            return this;
        }

        /** Each service logs to {@code <directory>/<service>.log}; default {@code <module>/target/<service>.log}. */
        public Builder logDirectory(Path directory) {
            this.logDirectory = directory;
            return this;
        }

        /** How long all services together may take to become ready (default 4 minutes). */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        /** An environment variable for every service. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> variables) {
            env.putAll(variables);
            return this;
        }

        /** An environment variable for one service only (wins over {@link #env(String, String)}). */
        public Builder env(String service, String name, String value) {
            serviceEnv.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        public Builder systemProperty(String name, String value) {
            systemProperties.put(name, value);
            return this;
        }

        /** Called right after each process is launched (before it is ready), e.g. to record its pid. */
        public Builder onLaunched(Consumer<ServiceProcess> callback) {
            this.onLaunched = Objects.requireNonNull(callback);
            return this;
        }

        /**
         * Creates the databases, starts all services and waits until each is ready. On any failure
         * the services already started are stopped and the failure is thrown.
         */
        public PlatformRunner start() {
            List<ServiceSpec> resolved = specs.stream().map(s -> s.resolveAgainst(repositoryRoot)).toList();
            List<String> missing = resolved.stream().filter(s -> !Files.isRegularFile(s.jar()))
                    .map(s -> s.jar().toString()).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Packaged service jars are missing: " + String.join(", ", missing)
                        + ". Build them first: ./mvnw package -DskipTests");
            }
            for (ServiceSpec spec : resolved) {
                ServiceProcess.requirePortFree(spec);
            }
            for (ServiceSpec spec : resolved) {
                postgres.createDatabase(spec.database());
            }

            Map<String, ServiceProcess> started = new LinkedHashMap<>();
            try {
                for (ServiceSpec spec : resolved) {
                    ServiceProcess.Builder builder = ServiceProcess.builder(spec)
                            .postgres(postgres)
                            .kafka(kafka)
                            .env(env)
                            .env(serviceEnv.getOrDefault(spec.name(), Map.of()))
                            .systemProperties(systemProperties);
                    if (logDirectory != null) {
                        builder.logFile(logDirectory.resolve(spec.name() + ".log"));
                    }
                    ServiceProcess process = builder.start();
                    started.put(spec.name(), process);
                    onLaunched.accept(process);
                }
                Instant deadline = Instant.now().plus(readyTimeout);
                for (ServiceProcess process : started.values()) {
                    Duration left = Duration.between(Instant.now(), deadline);
                    process.awaitReady(left.isNegative() ? Duration.ZERO : left);
                }
                return new PlatformRunner(started);
            } catch (RuntimeException e) {
                String running = started.values().stream().map(ServiceProcess::toString).collect(Collectors.joining(", "));
                stopAll(started.values());
                if (!running.isEmpty()) {
                    e.addSuppressed(new IllegalStateException("stopped the services started so far: " + running));
                }
                throw e;
            }
        }
    }
}
