package dev.privacy.platform.events;

/** What reached the privacy desk (P12, P20). Data-subject requests get a 10-day deadline. */
public enum ComplaintKind {
    COMPLAINT,
    ACCESS_REQUEST,
    CORRECTION_REQUEST,
    DELETION_REQUEST,
    OTHER
}
