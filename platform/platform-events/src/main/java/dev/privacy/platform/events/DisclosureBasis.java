package dev.privacy.platform.events;

/** The only two legal bases for providing data to a third party (P10). */
public enum DisclosureBasis {
    /** A live consent of the member for that recipient; one privacy-officer approval. */
    CONSENT,
    /** A lawful request of an investigative agency with its legal reference; two approvals. */
    LAWFUL_REQUEST
}
