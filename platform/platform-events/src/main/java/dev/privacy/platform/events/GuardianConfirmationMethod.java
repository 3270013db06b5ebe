package dev.privacy.platform.events;

/** How a legal representative's consent for an under-14 member was confirmed (P21). */
public enum GuardianConfirmationMethod {
    SMS,
    CARD,
    PHONE_IDENTITY_CHECK,
    SIGNED_FORM,
    EMAIL,
    PHONE_CALL
}
