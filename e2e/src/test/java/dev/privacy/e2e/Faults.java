package dev.privacy.e2e;

import dev.privacy.platform.infra.KafkaBroker;
import dev.privacy.platform.infra.PostgresServer;
import dev.privacy.platform.infra.ServiceProcess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The faults of the suite, each timed from the moment it struck until the platform answered again:
 * kill -9 of a service (until it is ready again), a stopped Kafka broker, a stopped PostgreSQL
 * server (until every service is ready again). A fault the infrastructure cannot inject here
 * (an external or container server) is remembered with the reason, for the test to skip.
 */
final class Faults {

    record Outcome(String fault, Duration downtime) {
    }

    private final List<Outcome> outcomes = new ArrayList<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final List<ServiceProcess> services;
    private final Duration ready;

    Faults(List<ServiceProcess> services, Duration ready) {
        this.services = services;
        this.ready = ready;
    }

    /** SIGKILL, then the same command, port and settings again, until {@code /q/health/ready} answers 200. */
    void killAndRestart(ServiceProcess service) {
        long struck = System.nanoTime();
        service.kill();
        service.restart().awaitReady(ready);
        outcomes.add(new Outcome("kill -9 " + service.name(), since(struck)));
    }

    /** The broker stopped (its data kept) for {@code down}, then started again on the same address. */
    void stopKafka(KafkaBroker kafka, Duration down) {
        long struck = System.nanoTime();
        try {
            kafka.stop();
        } catch (UnsupportedOperationException e) {
            skipped.put("kafka", e.getMessage());
            return;
        }
        sleep(down);
        kafka.restart();
        outcomes.add(new Outcome("kafka broker stop/restart", since(struck)));
    }

    /** PostgreSQL stopped for {@code down}, started again on the same data and port; timed until every service is ready. */
    void stopPostgres(PostgresServer postgres, Duration down) {
        long struck = System.nanoTime();
        try {
            postgres.stop();
        } catch (UnsupportedOperationException e) {
            skipped.put("postgres", e.getMessage());
            return;
        }
        sleep(down);
        postgres.restart();
        services.forEach(s -> s.awaitReady(ready));
        outcomes.add(new Outcome("postgresql stop/restart", since(struck)));
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Fault name → why it could not be injected here. */
    Map<String, String> skipped() {
        return Map.copyOf(skipped);
    }

    private static Duration since(long struck) {
        return Duration.ofNanos(System.nanoTime() - struck);
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
