package dev.privacy.platform.testing.layering.broken.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Fixture, violation: the first bean of an injection cycle Invoices -> Ledger -> Reminders -> Invoices (an @Inject field). */
@ApplicationScoped
public class Invoices {

    @Inject
    Ledger ledger;

    public void issue(String id) {
        ledger.book(id);
    }
}
