package dev.privacy.platform.testing.layering.broken.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Fixture, violation: the second bean of the cycle (an @Inject constructor taking a lazy Instance). */
@ApplicationScoped
public class Ledger {

    private final Instance<Reminders> reminders;

    Ledger() {
        this.reminders = null; // the client proxy's constructor
    }

    @Inject
    Ledger(Instance<Reminders> reminders) {
        this.reminders = reminders;
    }

    public void book(String id) {
        reminders.get().remind(id);
    }
}
