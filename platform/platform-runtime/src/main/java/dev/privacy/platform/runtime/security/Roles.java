package dev.privacy.platform.runtime.security;

/** The roles of docs/ARCHITECTURE.md R14, as carried in the JWT {@code groups} claim. */
public final class Roles {

    public static final String MEMBER = "member";
    public static final String PRIVACY_OFFICER = "privacy-officer";
    public static final String COMPLIANCE = "compliance";
    public static final String OPS = "ops";
    public static final String SERVICE = "service";

    private Roles() {
    }
}
