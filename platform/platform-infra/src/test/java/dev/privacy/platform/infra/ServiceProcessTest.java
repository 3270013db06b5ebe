package dev.privacy.platform.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceProcessTest {

    @TempDir
    Path dir;

    @Test
    void refusesAPortThatIsAlreadyTaken() throws Exception {
        Path jar = fakeServiceJar();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ServiceSpec spec = new ServiceSpec("member-service", taken.getLocalPort(), "member", jar);
            assertThatThrownBy(() -> ServiceProcess.builder(spec)
                    .database("jdbc:postgresql://127.0.0.1:5432/member", "postgres", "postgres")
                    .kafkaBootstrap("127.0.0.1:9092")
                    .logFile(dir.resolve("member.log"))
                    .start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " is already taken")
                    .hasMessageContaining("member-service");
        }
    }

    @Test
    void refusesAMissingJarWithTheBuildCommand() {
        ServiceSpec spec = new ServiceSpec("consent-service", Ports.free(), "consent", dir.resolve("nope/quarkus-run.jar"));
        assertThatThrownBy(() -> ServiceProcess.builder(spec)
                .database("jdbc:postgresql://127.0.0.1:5432/consent", "postgres", "postgres")
                .kafkaBootstrap("127.0.0.1:9092")
                .start())
                .hasMessageContaining("missing")
                .hasMessageContaining("./mvnw package -DskipTests");
    }

    @Test
    void startsWithThePlatformEnvironmentAndCanBeKilledAndRestarted() throws Exception {
        Path jar = fakeServiceJar();
        ServiceSpec spec = new ServiceSpec("audit-log-service", Ports.free(), "auditlog", jar);
        Path log = dir.resolve("logs/audit-log-service.log");
        try (ServiceProcess service = ServiceProcess.builder(spec)
                .database("jdbc:postgresql://127.0.0.1:5999/auditlog", "postgres", "secret")
                .kafkaBootstrap("127.0.0.1:9999")
                .env("PLATFORM_RELAY_ENABLED", "false")
                .systemProperty("fake.property", "yes")
                .logFile(log)
                .start()) {
            service.awaitReady(Duration.ofSeconds(30));
            assertThat(service.isAlive()).isTrue();
            long firstPid = service.pid();

            String body = get(spec.baseUrl() + "/q/health/ready");
            assertThat(body).contains(
                    "DB_URL=jdbc:postgresql://127.0.0.1:5999/auditlog",
                    "DB_USER=postgres",
                    "KAFKA_BOOTSTRAP=127.0.0.1:9999",
                    "QUARKUS_PROFILE=local",
                    "PLATFORM_RELAY_ENABLED=false",
                    "fake.property=yes");
            assertThat(Files.readString(log)).contains("fake service listening on " + spec.port());

            service.kill();
            assertThat(service.isAlive()).isFalse();
            assertThat(service.exitValue()).isPresent();

            service.restart().awaitReady(Duration.ofSeconds(30));
            assertThat(service.pid()).isNotEqualTo(firstPid);

            service.stop();
            assertThat(service.isAlive()).isFalse();
        }
    }

    @Test
    void awaitReadyReportsAProcessThatDiesWithItsLog() throws Exception {
        Path jar = fakeServiceJar();
        ServiceSpec spec = new ServiceSpec("retention-service", Ports.free(), "retention", jar);
        Path log = dir.resolve("retention-service.log");
        try (ServiceProcess service = ServiceProcess.builder(spec)
                .database("jdbc:postgresql://127.0.0.1:5999/retention", "postgres", "postgres")
                .kafkaBootstrap("127.0.0.1:9999")
                .env("FAKE_FAIL", "Flyway migration failed: boom")
                .logFile(log)
                .start()) {
            assertThatThrownBy(() -> service.awaitReady(Duration.ofSeconds(30)))
                    .hasMessageContaining("retention-service exited with code 3")
                    .hasMessageContaining(log.toString())
                    .hasMessageContaining("Flyway migration failed: boom");
        }
    }

    /** A jar holding only {@link FakeService}, run like a service's quarkus-run.jar. */
    private Path fakeServiceJar() throws IOException {
        Path jar = dir.resolve("fake/quarkus-app/quarkus-run.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream classFile = FakeService.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    private static String get(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
