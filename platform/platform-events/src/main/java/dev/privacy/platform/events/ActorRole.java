package dev.privacy.platform.events;

/** Who acted: the JWT roles of docs/ARCHITECTURE.md R14. */
public enum ActorRole {
    MEMBER,
    PRIVACY_OFFICER,
    COMPLIANCE,
    OPS,
    SERVICE
}
