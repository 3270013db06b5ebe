package dev.privacy.disclosure.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The retry loop: approved disclosures whose delivery failed, correction notices not yet
 * acknowledged, and the escalation of those past their deadline (P14). Each item is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so replicas do not send the same thing twice at once.
 *
 * <p>The work runs on a thread of its own, outside the request context the scheduler activates:
 * there, {@code CurrentActor} (access records) would look for an HTTP request that does not exist;
 * outside any request it names this service as the actor, which is who acts here.
 */
@ApplicationScoped
public class DueWork {

    private static final int BATCH = 20;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "disclosure-due-work");
        t.setDaemon(true);
        return t;
    });

    @Inject
    DisclosureExecutor executor;

    @Inject
    CorrectionNotices notices;

    @Scheduled(every = "${privacy.disclosure.work-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "disclosure-due-work")
    void run() {
        CompletableFuture.runAsync(this::runOnce, worker).join();
    }

    void runOnce() {
        for (UUID id : executor.due(BATCH)) {
            executor.execute(id);
        }
        for (UUID id : notices.due(BATCH)) {
            notices.attempt(id);
        }
        notices.escalateOverdue();
    }

    void stop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }
}
