package dev.privacy.platform.testing.layering.broken.service;

import dev.privacy.platform.testing.layering.broken.messaging.Outbound;

/** Fixture, violation: the service layer depends on a messaging adapter. */
public final class Notifier {

    private Notifier() {
    }

    public static void notifyPaid(String orderId) {
        Outbound.send(orderId);
    }
}
