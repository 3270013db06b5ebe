package dev.privacy.platform.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code stop}: asks the running launcher to stop (a stop-request file it watches), waits up to three
 * minutes, terminates it if it does not, then stops whatever it recorded that still runs, also what
 * a crashed launcher left behind.
 */
final class StopCommand {

    private static final PrintStream OUT = System.out;

    private StopCommand() {
    }

    static int stop(LocalLayout layout) {
        RunState s = RunState.load(layout.stateFile());
        boolean wasRunning = LocalProcesses.launcherRunning(layout);
        if (wasRunning) {
            OUT.println("Stopping the local platform (launcher pid " + s.get("launcher.pid", "?") + ") …");
            try {
                Files.createDirectories(layout.runDir());
                Files.writeString(layout.stopRequest(), Instant.now().toString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (LocalProcesses.launcherRunning(layout) && Instant.now().isBefore(deadline)) {
                LocalProcesses.sleep(300);
            }
            if (LocalProcesses.launcherRunning(layout)) {
                long pid = s.getLong("launcher.pid");
                OUT.println("The launcher did not stop within 3 minutes; terminating it.");
                ProcessHandle.of(pid).ifPresent(h -> LocalProcesses.terminate(h, Duration.ofSeconds(60)));
            }
        }
        // what the launcher stopped may take a moment to exit; only then is anything still running a leftover
        int left = LocalProcesses.stopLeftovers(layout, RunState.load(layout.stateFile()), "still running", Duration.ofSeconds(10));
        LocalProcesses.deleteQuietly(layout.stopRequest());
        if (!wasRunning && left == 0) {
            OUT.println("The local platform is not running; nothing to stop.");
        } else {
            OUT.println("The local platform is stopped.");
        }
        return 0;
    }
}
