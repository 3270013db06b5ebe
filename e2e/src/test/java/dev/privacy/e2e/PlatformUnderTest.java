package dev.privacy.e2e;

import dev.privacy.platform.infra.KafkaBroker;
import dev.privacy.platform.infra.PlatformRunner;
import dev.privacy.platform.infra.PlatformServices;
import dev.privacy.platform.infra.Ports;
import dev.privacy.platform.infra.PostgresServer;
import dev.privacy.platform.infra.ServiceProcess;
import dev.privacy.platform.infra.ServiceSpec;
import dev.privacy.platform.testing.SharedInfrastructure;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * The platform as a user runs it: the services' packaged jars as separate processes, on free
 * ports, against one real PostgreSQL server and one real Kafka broker. Started once per test JVM.
 */
final class PlatformUnderTest {

    static final Duration READY = Duration.ofMinutes(3);
    /** member-service's secrets for this run: fresh random keys, the same across its restarts. */
    private static final String MEMBER_KEK = randomKey();
    private static final String MEMBER_LOOKUP_KEY = randomKey();
    private static PlatformUnderTest instance;

    final PostgresServer postgres;
    final KafkaBroker kafka;
    final Path repositoryRoot;
    final Path logs;
    final PlatformRunner others;
    /** The shared member-service's port, chosen first: the disclosure-service calls it (P10, P14). */
    private final int memberPort = Ports.free();

    private PlatformUnderTest() {
        SharedInfrastructure infra = SharedInfrastructure.get();
        postgres = infra.postgres();
        kafka = infra.kafka();
        repositoryRoot = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
        logs = repositoryRoot.resolve("e2e/target/service-logs");
        List<ServiceSpec> withoutMember = PlatformServices.all(repositoryRoot).stream()
                .filter(s -> !s.name().equals("member-service"))
                .map(s -> s.withPort(Ports.free()))
                .toList();
        others = PlatformRunner.builder(postgres, kafka, repositoryRoot)
                .services(withoutMember)
                .logDirectory(logs)
                .readyTimeout(READY)
                .env("disclosure-service", "MEMBER_SERVICE_URL", "http://127.0.0.1:" + memberPort)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(others::close));
    }

    static synchronized PlatformUnderTest get() {
        if (instance == null) {
            instance = new PlatformUnderTest();
        }
        return instance;
    }

    /** A member-service process of its own, so a test can kill it and start it with other settings. */
    ServiceProcess.Builder memberService(int port) {
        ServiceSpec spec = PlatformServices.MEMBER.resolveAgainst(repositoryRoot).withPort(port);
        postgres.createDatabase(spec.database());
        return ServiceProcess.builder(spec).postgres(postgres).kafka(kafka)
                .env("MEMBER_KEK", MEMBER_KEK)
                .env("MEMBER_LOOKUP_KEY", MEMBER_LOOKUP_KEY)
                // every release is checked back against the disclosure-service (P10)
                .env("DISCLOSURE_SERVICE_URL", others.service("disclosure-service").baseUrl())
                .logFile(logs.resolve("member-service-" + port + ".log"));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return "base64:" + java.util.Base64.getEncoder().encodeToString(key);
    }

    private ServiceProcess member;

    /** A member-service shared by the tests that do not kill it. */
    synchronized ServiceProcess member() {
        if (member == null || !member.isAlive()) {
            member = memberService(memberPort).start().awaitReady(READY);
            ServiceProcess started = member;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return member;
    }

    /**
     * Stops the shared member-service, for a test that needs the member database to itself (its own
     * instance with the relay off would otherwise have its outbox relayed by the shared one). The
     * next {@link #member()} starts it again on the same port.
     */
    synchronized void stopSharedMember() {
        if (member != null) {
            member.stop();
            member = null;
        }
    }

    ServiceProcess service(String name) {
        return others.service(name);
    }

    /** Counts rows in a service's own database, as an operator with psql would. */
    long count(String database, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.adminUser(), postgres.adminPassword());
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bytea value of a service's database in the hex form pg_dump writes it. */
    String hex(String database, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.adminUser(), postgres.adminPassword());
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row for " + sql);
                }
                return java.util.HexFormat.of().formatHex(rs.getBytes(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
