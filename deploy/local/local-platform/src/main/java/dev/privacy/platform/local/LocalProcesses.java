package dev.privacy.platform.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processes a launcher records in {@code .run/state} (services, the broker, embedded PostgreSQL):
 * whether they are still ours and running, and stopping them; whether a launcher runs; and the
 * small file and wait helpers the commands share.
 */
final class LocalProcesses {

    private static final PrintStream OUT = System.out;

    private LocalProcesses() {
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

    static List<String> describeLeftovers(LocalLayout layout, RunState s) {
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

    static void terminate(ProcessHandle handle, Duration grace) {
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

    static Optional<Long> postmasterPid(LocalLayout layout) {
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

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale request is harmless: the next launcher deletes it
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
