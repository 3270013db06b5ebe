package dev.privacy.platform.local;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code status [--quiet]}: what runs and where, read from {@code .run/state}; exit 0 ready, 3 not
 * running, 4 starting, 5 stopping, 1 failed. {@link #printSummary} is also what {@code run} prints
 * once the platform is ready.
 */
final class StatusCommand {

    private static final PrintStream OUT = System.out;

    private StatusCommand() {
    }

    static int status(LocalLayout layout, boolean quiet) {
        RunState s = RunState.load(layout.stateFile());
        PrintStream out = quiet ? new PrintStream(PrintStream.nullOutputStream()) : OUT;
        if (!LocalProcesses.launcherRunning(layout)) {
            List<String> leftovers = LocalProcesses.describeLeftovers(layout, s);
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
            boolean alive = LocalProcesses.isOurs(pid, s.getLong("service." + name + ".started"));
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
}
