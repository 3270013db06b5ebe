package dev.privacy.e2e;

import dev.privacy.platform.infra.PlatformServices;
import dev.privacy.platform.infra.PostgresServer;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A plain-SQL backup of service databases, as an operator's nightly {@code pg_dump} would take it. */
final class PgDump {

    private static final Path PG_DUMP = Path.of(System.getProperty("pg_dump", "/usr/bin/pg_dump"));

    private PgDump() {
    }

    static void assumeAvailable() {
        Assumptions.assumeTrue(Files.isExecutable(PG_DUMP), "no pg_dump at " + PG_DUMP);
    }

    /** A dump of each service's own database (member, consent, retention, disclosure, audit log): database → SQL. */
    static Map<String, String> ofEveryDatabase(PostgresServer postgres) {
        Map<String, String> dumps = new LinkedHashMap<>();
        for (var service : PlatformServices.ALL) {
            dumps.put(service.database(), of(postgres, service.database()));
        }
        return dumps;
    }

    static String of(PostgresServer postgres, String database) {
        try {
            Path out = Files.createTempFile("e2e-" + database, ".sql");
            ProcessBuilder pb = new ProcessBuilder(PG_DUMP.toString(), "-h", postgres.host(), "-p", String.valueOf(postgres.port()),
                    "-U", postgres.adminUser(), "--no-owner", "--no-privileges", "-f", out.toString(), database)
                    .redirectErrorStream(true);
            pb.environment().put("PGPASSWORD", postgres.adminPassword());
            Process p = pb.start();
            String messages = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("pg_dump of " + database + " failed: " + messages);
            }
            String dump = Files.readString(out);
            Files.delete(out);
            return dump;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
