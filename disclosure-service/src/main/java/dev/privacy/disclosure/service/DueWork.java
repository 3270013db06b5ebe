package dev.privacy.disclosure.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * The retry loop: approved disclosures whose delivery failed, correction notices not yet
 * acknowledged, and the escalation of those past their deadline (P14). Each item is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so replicas do not send the same thing twice at once.
 * Outside an HTTP request {@code CurrentActor} names this service as the actor (access records).
 */
@ApplicationScoped
public class DueWork {

    private static final int BATCH = 20;

    @Inject
    DisclosureExecutor executor;

    @Inject
    CorrectionNotices notices;

    @Scheduled(every = "${privacy.disclosure.work-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "disclosure-due-work")
    void run() {
        for (UUID id : executor.due(BATCH)) {
            executor.execute(id);
        }
        for (UUID id : notices.due(BATCH)) {
            notices.attempt(id);
        }
        notices.escalateOverdue();
    }
}
