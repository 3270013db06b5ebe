package dev.privacy.platform.testing.layering.broken.messaging;

/** Fixture: a messaging adapter that the service layer must not use. */
public final class Outbound {

    private Outbound() {
    }

    public static void send(String event) {
        // nothing: a fixture
    }
}
