package dev.privacy.platform.events;

/** What an access to personal data did (P02). */
public enum AccessAction {
    READ,
    CREATE,
    UPDATE,
    DELETE,
    EXPORT
}
