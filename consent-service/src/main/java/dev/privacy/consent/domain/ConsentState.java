package dev.privacy.consent.domain;

/** The state a consent is in, and the state a receipt records. */
public enum ConsentState {
    GRANTED,
    WITHDRAWN
}
