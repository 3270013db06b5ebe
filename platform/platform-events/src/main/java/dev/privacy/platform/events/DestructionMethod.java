package dev.privacy.platform.events;

/** How data was destroyed (P09). */
public enum DestructionMethod {
    /** Rows deleted and the per-member data key destroyed, so every copy becomes unreadable. */
    CRYPTO_SHRED,
    /** Rows deleted (data that was never encrypted under a member key, e.g. log records). */
    DELETE
}
