package dev.privacy.platform.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker (KRaft, combined broker and controller) in its own JVM, started from the
 * Maven Central jars this module was built against. A separate process rather than one inside the
 * caller's JVM because tests must be able to kill it and start it again on the same data, and the
 * broker's Scala jars must not share a classpath with a Quarkus application.
 */
public final class KafkaBrokerProcess implements KafkaBroker {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDirectory;
    private final int port;
    private final int controllerPort;
    private final Path configFile;
    private final Path logFile;
    private Process process;

    private KafkaBrokerProcess(Path dataDirectory, int port, int controllerPort) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.configFile = dataDirectory.resolve("server.properties");
        this.logFile = dataDirectory.resolve("broker.log");
    }

    /**
     * Starts a broker whose data lives in {@code dataDirectory} (formatted on first use) and which
     * listens on {@code port} (0 picks a free one).
     */
    public static KafkaBrokerProcess start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int brokerPort = port > 0 ? port : Ports.free();
        KafkaBrokerProcess broker = new KafkaBrokerProcess(dataDirectory, brokerPort, Ports.free());
        broker.writeConfig();
        broker.formatIfNew();
        broker.restart();
        return broker;
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public String kind() {
        return "process";
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            return;
        }
        if (Ports.listening("127.0.0.1", port)) {
            throw new IllegalStateException("Port " + port + " is already taken; cannot start the Kafka broker there");
        }
        process = launch("kafka.Kafka", configFile.toString());
        awaitReady();
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private void writeConfig() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", dataDirectory.resolve("logs").toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.flush.interval.messages", "1");
        try (var out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
            p.store(out, "written by " + KafkaBrokerProcess.class.getSimpleName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void formatIfNew() {
        if (Files.exists(dataDirectory.resolve("logs").resolve("meta.properties"))) {
            return;
        }
        Process format = launch("kafka.tools.StorageTool", "format", "--ignore-formatted",
                "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22),
                "-c", configFile.toString());
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("Formatting Kafka storage failed; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
        }
    }

    private Process launch(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xms128m");
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(brokerClasspath());
        command.add(mainClass);
        command.addAll(List.of(args));
        try {
            Process started = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch " + mainClass, e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + "; see " + logFile);
            }
            if (Ports.listening("127.0.0.1", port)) {
                try (Admin admin = Admin.create(config)) {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    // the listener opens before the controller has elected itself
                }
            }
            sleep(200);
        }
        stop();
        throw new IllegalStateException("Kafka broker not ready within " + READY_TIMEOUT + "; see " + logFile);
    }

    static String brokerClasspath() {
        try (InputStream in = KafkaBrokerProcess.class.getResourceAsStream("kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath missing: platform-infra was not built by Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
}
