package dev.privacy.platform.events;

/** A new member's status (P04): PENDING until a legal representative's consent is recorded. */
public enum MemberStatus {
    PENDING,
    ACTIVE
}
