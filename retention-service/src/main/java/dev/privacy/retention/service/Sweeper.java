package dev.privacy.retention.service;

import dev.privacy.retention.config.RetentionConfig;
import dev.privacy.retention.domain.PolicyRule;
import dev.privacy.retention.domain.RetentionPolicy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * The destruction pipeline's clock work, every {@code retention.sweep.every}: expire due schedules
 * in batches (one transaction each, SKIP LOCKED, so replicas share the work), mark unanswered
 * expiries overdue, move the log categories' rolling windows, refresh the gauges. Time is the
 * service Clock, so moving it (ops endpoint, outside prod) makes ten years pass.
 */
@ApplicationScoped
public class Sweeper {

    private static final Logger LOG = Logger.getLogger(Sweeper.class);

    @Inject
    ExpiryService expiry;

    @Inject
    OverdueService overdue;

    @Inject
    RollingWindowService windows;

    @Inject
    RetentionMetrics metrics;

    @Inject
    RetentionPolicy policy;

    @Inject
    RetentionConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${retention.sweep.every}", delayed = "${retention.sweep.delayed:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /** One full pass; returns how many schedules expired. */
    public SweepResult sweep() {
        Instant now = clock.instant();
        int batch = config.sweep().batchSize();
        long expired = 0;
        int n;
        do {
            n = QuarkusTransaction.requiringNew().call(() -> expiry.expireDue(now, batch, null, null));
            expired += n;
        } while (n == batch);
        long markedOverdue = 0;
        do {
            n = QuarkusTransaction.requiringNew().call(() -> overdue.markOverdue(now, batch));
            markedOverdue += n;
        } while (n == batch);
        int windowsMoved = 0;
        for (PolicyRule rule : policy.rollingWindows()) {
            if (QuarkusTransaction.requiringNew().call(() -> windows.advance(rule, now))) {
                windowsMoved++;
            }
        }
        QuarkusTransaction.requiringNew().run(() -> metrics.set(OverdueService.countOverdue(),
                OverdueService.countAwaiting()));
        if (expired > 0 || markedOverdue > 0 || windowsMoved > 0) {
            LOG.infof("Sweep at %s: %d schedules expired, %d overdue, %d rolling windows moved", now, expired,
                    markedOverdue, windowsMoved);
        }
        return new SweepResult(expired, markedOverdue, windowsMoved);
    }

    public record SweepResult(long expired, long overdue, int windowsMoved) {
    }
}
