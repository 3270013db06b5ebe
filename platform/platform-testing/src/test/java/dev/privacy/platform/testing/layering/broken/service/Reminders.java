package dev.privacy.platform.testing.layering.broken.service;

import jakarta.enterprise.context.ApplicationScoped;

/** Fixture, violation: the third bean of the cycle (its only constructor, injected without @Inject). */
@ApplicationScoped
public class Reminders {

    private final Invoices invoices;

    Reminders(Invoices invoices) {
        this.invoices = invoices;
    }

    public void remind(String id) {
        if (id.isEmpty()) {
            invoices.issue(id);
        }
    }
}
