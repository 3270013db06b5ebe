package dev.privacy.platform.events;

/** Why personal data is used (P03): every data use and every access record names one. */
public enum Purpose {
    /** Fulfilling the service contract and billing. */
    CONTRACT_AND_BILLING(false),
    /** Member management: identification, age verification, guardian consent (P04). */
    MEMBER_MANAGEMENT(false),
    /** Marketing and advertising statistics; needs a live consent (P05). */
    MARKETING(true),
    /** Cookie-based targeted marketing; needs a live consent (P05, P16). */
    COOKIE_TARGETING(true),
    /** Cookie-based visit statistics; follows the cookie preferences (P16). */
    COOKIE_STATISTICS(true),
    /** Provision to a named third party on the member's prior consent (P10). */
    THIRD_PARTY_PROVISION(true),
    /** Handling a correction request: the only use allowed on restricted fields (P13). */
    CORRECTION,
    /** Handling a complaint or data-subject request at the privacy desk (P12, P20). */
    COMPLAINT_HANDLING,
    /** Provision on a lawful request of an investigative agency (P10). */
    LAWFUL_DISCLOSURE,
    /** The fraud-prevention check against the separated store (P07, P08). */
    FRAUD_PREVENTION,
    /** Keeping data for its retention period and destroying it (P07, P15). */
    RETENTION;

    private final boolean consentRequired;

    Purpose() {
        this(false);
    }

    Purpose(boolean consentRequired) {
        this.consentRequired = consentRequired;
    }

    /** True for the optional purposes, which need a live consent of the member (P05). */
    public boolean consentRequired() {
        return consentRequired;
    }
}
