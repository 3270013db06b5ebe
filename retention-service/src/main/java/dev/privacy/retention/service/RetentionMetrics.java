package dev.privacy.retention.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges of the destruction pipeline, set by the sweeper rather than at scrape time, so a scrape
 * never waits on the database: {@code retention_destructions_overdue} (alert on > 0).
 */
@ApplicationScoped
public class RetentionMetrics {

    public static final String OVERDUE_GAUGE = "retention_destructions_overdue";
    public static final String AWAITING_GAUGE = "retention_destructions_awaiting";

    @Inject
    MeterRegistry registry;

    private final AtomicLong overdue = new AtomicLong();
    private final AtomicLong awaiting = new AtomicLong();

    @PostConstruct
    void register() {
        Gauge.builder(OVERDUE_GAUGE, overdue, AtomicLong::get)
                .description("Expired schedules whose owner has not answered DataDestroyed in time (P07)")
                .register(registry);
        Gauge.builder(AWAITING_GAUGE, awaiting, AtomicLong::get)
                .description("Expired schedules waiting for their owner's DataDestroyed")
                .register(registry);
    }

    void set(long overdueCount, long awaitingCount) {
        overdue.set(overdueCount);
        awaiting.set(awaitingCount);
    }
}
