package dev.privacy.member.domain;

import java.util.List;

/** The decrypted personal data of a member (P01): never logged, never put in an event. */
public record Profile(String name, String loginId, String mobile, String email) {

    public static final String NAME = "name";
    public static final String LOGIN_ID = "loginId";
    public static final String MOBILE = "mobile";
    public static final String EMAIL = "email";
    public static final String PASSWORD = "password";

    /** The field names of the profile, as used in access records and correction events. */
    public static final List<String> FIELDS = List.of(NAME, LOGIN_ID, MOBILE, EMAIL);

    @Override
    public String toString() {
        return "Profile[redacted]";
    }
}
