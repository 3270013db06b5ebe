package dev.privacy.platform.events;

/**
 * The data categories that retention schedules, legal holds and destructions are about (P06, P07,
 * P17, P19). The periods are those of {@code policy/privacy-policy.txt}; the retention-service reads
 * them from the policy file, they are repeated here only as documentation.
 */
public enum DataCategory {
    /** Member information: kept 10 years after the contract ends, for fraud prevention (P07). */
    MEMBER_PROFILE,
    /** Contract and withdrawal records: 5 years (P07). */
    CONTRACT_RECORDS,
    /** Payment and supply records: 5 years (P07). */
    PAYMENT_RECORDS,
    /** Complaint and dispute records: 3 years (P07, P18). */
    COMPLAINT_RECORDS,
    /** Members' own service-use and access logs: 3 months (P07, P17). */
    SERVICE_LOGS,
    /** Access records of staff and systems handling personal data: 2 years, hash-chained (P19). */
    STAFF_ACCESS_RECORDS,
    /** Consent records and their receipts, including guardian consents (P04, P05, P21). */
    CONSENT_RECORDS,
    /** Data used for marketing and advertising statistics: destroyed at once on withdrawal (P06). */
    MARKETING_DATA,
    /** Cookie preferences and cookie identifiers: destroyed at once on withdrawal (P06, P16). */
    COOKIE_PREFERENCES,
    /** The live member profile used to serve the member: destroyed at once on withdrawal (P06). */
    LIVE_PROFILE,
    /** The disclosure ledger and correction notices kept by the disclosure-service (P10, P14). */
    DISCLOSURE_RECORDS
}
