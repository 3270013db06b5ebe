package dev.privacy.platform.testing.layering.broken.rest;

/** Fixture: a REST helper that the service layer must not use. */
public final class Problems {

    private Problems() {
    }

    public static IllegalArgumentException badRequest(String detail) {
        return new IllegalArgumentException(detail);
    }
}
