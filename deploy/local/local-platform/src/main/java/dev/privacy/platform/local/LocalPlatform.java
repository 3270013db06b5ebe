package dev.privacy.platform.local;

import java.io.PrintStream;

/**
 * The local platform, one command: PostgreSQL (named by {@code DB_URL}, else the host's on
 * 127.0.0.1:5432 if postgres/postgres logs in, else embedded with data in
 * {@code deploy/local/.data/postgres}), a Kafka broker (named by {@code KAFKA_BOOTSTRAP}, else a
 * broker process with data in {@code deploy/local/.data/kafka}) and the five services from their
 * packaged jars.
 *
 * <pre>
 * run            start everything and stay in the foreground until stopped (start.sh runs this with nohup)
 * status         what runs, with its URLs (exit 0 ready, 3 not running, 4 starting, 5 stopping, 1 failed)
 * stop           stop everything a launcher started, also what a crashed launcher left behind
 * token ROLE [SUBJECT]   print a dev JWT
 * demo           narrate a member's life through the running platform
 * </pre>
 *
 * This class only reads the command and hands it to the command's class: {@link RunCommand},
 * {@link StatusCommand}, {@link StopCommand}, {@link TokenCommand}, {@link DemoCommand}. The
 * launcher JVM ({@code run}) owns the broker and embedded PostgreSQL, so it keeps running while the
 * platform runs; it holds a lock on {@code .run/launcher.lock} and records every process it
 * started in {@code .run/state} ({@link LocalProcesses}).
 */
public final class LocalPlatform {

    private LocalPlatform() {
    }

    public static void main(String[] args) {
        // the launcher's own log stays readable: PostgreSQL and Kafka client chatter only when it matters
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky", System.getProperty("org.slf4j.simpleLogger.log.io.zonky", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn"));
        int code;
        try {
            code = execute(args);
        } catch (RuntimeException e) {
            System.err.println("local-platform: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static int execute(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        return switch (command) {
            case "run" -> new RunCommand(LocalLayout.detect()).run();
            case "status" -> StatusCommand.status(LocalLayout.detect(), args.length > 1 && args[1].equals("--quiet"));
            case "stop" -> StopCommand.stop(LocalLayout.detect());
            case "token" -> TokenCommand.token(LocalLayout.detect(), args);
            case "demo" -> DemoCommand.demo(LocalLayout.detect());
            case "help", "-h", "--help" -> usage(System.out, 0);
            default -> usage(System.err, 2);
        };
    }

    private static int usage(PrintStream out, int code) {
        out.println("""
                usage: java -jar local-platform.jar COMMAND
                  run                     start PostgreSQL, Kafka and the five services; stay until stopped
                  status [--quiet]        what runs and where (exit 0 ready, 3 not running, 4 starting, 5 stopping, 1 failed)
                  stop                    stop everything the launcher started
                  token ROLE [SUBJECT]    print a dev JWT; ROLE is one of member, privacy-officer, compliance, ops, service
                  demo                    narrate a member's life through the running platform, step by step
                Normally used through deploy/local/start.sh, stop.sh and token.sh.""");
        return code;
    }
}
