package dev.privacy.platform.events;

/** Who acted: the JWT roles of DESIGN.md ("REST rules"). */
public enum ActorRole {
    MEMBER,
    PRIVACY_OFFICER,
    COMPLIANCE,
    OPS,
    SERVICE
}
