package dev.privacy.member.service;

import dev.privacy.member.domain.DeskCase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * P12/P20 alerting: the gauge {@code privacy_desk_overdue_cases} counts the cases not resolved by
 * their deadline (service clock). It is recomputed on a schedule rather than at scrape time, so a
 * scrape never waits on the database.
 */
@Startup
@ApplicationScoped
public class PrivacyDeskMetrics {

    public static final String OVERDUE_GAUGE = "privacy_desk_overdue_cases";

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    private final AtomicLong overdue = new AtomicLong();

    @PostConstruct
    void register() {
        Gauge.builder(OVERDUE_GAUGE, overdue, AtomicLong::get)
                .description("Privacy-desk complaints and data-subject requests past their deadline (P12, P20)")
                .register(registry);
    }

    @Scheduled(every = "${member.privacy-desk.gauge-refresh}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refresh() {
        overdue.set(DeskCase.overdue(clock.instant()));
    }

    public long overdue() {
        return overdue.get();
    }
}
