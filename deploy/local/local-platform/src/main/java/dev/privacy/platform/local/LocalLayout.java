package dev.privacy.platform.local;

import dev.privacy.platform.infra.PlatformServices;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the local platform keeps things, all under {@code deploy/local} of the repository. */
record LocalLayout(Path root) {

    /** The repository root: {@code -Dplatform.root}, {@code PLATFORM_ROOT}, else found above this jar or the working directory. */
    static LocalLayout detect() {
        String configured = System.getProperty("platform.root");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("PLATFORM_ROOT");
        }
        if (configured != null && !configured.isBlank()) {
            return new LocalLayout(Path.of(configured).toAbsolutePath().normalize());
        }
        try {
            Path codeSource = Path.of(LocalPlatform.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new LocalLayout(PlatformServices.findRepositoryRoot(codeSource));
        } catch (URISyntaxException | RuntimeException notFromTheRepository) {
            return new LocalLayout(PlatformServices.findRepositoryRoot(Path.of("")));
        }
    }

    Path localDir() {
        return root.resolve("deploy").resolve("local");
    }

    Path dataDir() {
        return localDir().resolve(".data");
    }

    Path postgresData() {
        return dataDir().resolve("postgres");
    }

    Path kafkaData() {
        return dataDir().resolve("kafka");
    }

    /** Generated local secrets (KEY=VALUE lines passed to the services). */
    Path secretsFile() {
        return dataDir().resolve("local-secrets.env");
    }

    Path runDir() {
        return localDir().resolve(".run");
    }

    Path stateFile() {
        return runDir().resolve("state");
    }

    /** Held (exclusive file lock) by the running launcher for its whole life. */
    Path lockFile() {
        return runDir().resolve("launcher.lock");
    }

    /** Created by {@code stop}; the launcher polls for it and then shuts everything down in order. */
    Path stopRequest() {
        return runDir().resolve("stop-request");
    }

    Path logsDir() {
        return runDir().resolve("logs");
    }

    Path platformLog() {
        return runDir().resolve("platform.log");
    }

    Path devPrivateKey() {
        return root.resolve("platform/platform-runtime/src/main/resources/dev-keys/jwt-private.pem");
    }

    /** A path as the user would type it from the repository root. */
    String show(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }
}
