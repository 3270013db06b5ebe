package dev.privacy.platform.testing.layering.clean.domain;

/** Fixture: a domain type that depends on nothing of its service. */
public record Account(String id) {
}
