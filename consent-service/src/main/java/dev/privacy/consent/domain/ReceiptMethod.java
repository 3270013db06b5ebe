package dev.privacy.consent.domain;

/** How a consent change came about: the receipt's "method" (Kantara consent receipt, ISO/IEC TS 27560). */
public enum ReceiptMethod {
    /** Notice shown at sign-up; the required purposes of the membership. */
    SIGN_UP,
    /** The member, through self-service. */
    SELF_SERVICE,
    /** A privacy officer, on the member's recorded instruction (written, phone, e-mail). */
    STAFF_ON_INSTRUCTION,
    /** The member's cookie preferences (P16): refusing targeting withdraws the cookie-targeting consent. */
    COOKIE_PREFERENCES,
    /** A legal representative's consent for an under-14 member (P04, P21). */
    GUARDIAN_CONSENT,
    /** The membership ended (MemberWithdrawn): every consent ends with it. */
    MEMBERSHIP_WITHDRAWAL
}
