package dev.privacy.platform.k8s;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths inside the repository, found from the module's working directory (Surefire runs in deploy/k8s-check). */
final class Repo {

    /** The five services, each a Maven module at the repository root. */
    static final java.util.List<String> SERVICES = java.util.List.of(
            "member-service", "consent-service", "retention-service", "disclosure-service", "audit-log-service");

    private static final Path ROOT = findRoot();

    private Repo() {
    }

    static Path root() {
        return ROOT;
    }

    static Path k8s() {
        return ROOT.resolve("deploy/k8s");
    }

    static Path overlay(String name) {
        return k8s().resolve("overlays").resolve(name);
    }

    static Path applicationProperties(String service) {
        return ROOT.resolve(service).resolve("src/main/resources/application.properties");
    }

    static Path platformDefaults() {
        return ROOT.resolve("platform/platform-runtime/src/main/resources/META-INF/microprofile-config.properties");
    }

    static Path asyncApi() {
        return ROOT.resolve("platform/platform-events/src/main/resources/contracts/asyncapi.yaml");
    }

    static Path sources(String service) {
        return ROOT.resolve(service).resolve("src/main/java");
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("deploy/k8s")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("platform"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("repository root (with deploy/k8s) not found above " + Path.of("").toAbsolutePath());
    }
}
