package dev.privacy.platform.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/** The five services of the platform, their fixed local ports and the databases they own. */
public final class PlatformServices {

    private PlatformServices() {
    }

    public static final ServiceSpec MEMBER = ServiceSpec.of("member-service", 8081, "member");
    public static final ServiceSpec CONSENT = ServiceSpec.of("consent-service", 8082, "consent");
    public static final ServiceSpec RETENTION = ServiceSpec.of("retention-service", 8083, "retention");
    public static final ServiceSpec DISCLOSURE = ServiceSpec.of("disclosure-service", 8084, "disclosure");
    public static final ServiceSpec AUDIT_LOG = ServiceSpec.of("audit-log-service", 8085, "auditlog");

    /** All five, jar paths relative to the repository root; see {@link #all(Path)}. */
    public static final List<ServiceSpec> ALL = List.of(MEMBER, CONSENT, RETENTION, DISCLOSURE, AUDIT_LOG);

    /** All five with their jar paths resolved against {@code repositoryRoot}. */
    public static List<ServiceSpec> all(Path repositoryRoot) {
        return ALL.stream().map(s -> s.resolveAgainst(repositoryRoot)).toList();
    }

    public static ServiceSpec named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No service named " + name));
    }

    /**
     * The repository root at or above {@code start}: the first directory holding the Maven
     * wrapper and {@code platform/platform-infra}. Tests run with a module as working directory.
     */
    public static Path findRepositoryRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("platform").resolve("platform-infra"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No repository root (a directory with mvnw and platform/platform-infra) at or above " + start);
    }
}
