package dev.privacy.platform.events;

/** How the privacy desk closed a complaint or request. */
public enum ComplaintOutcome {
    /** Carried out as asked, or the complaint was upheld. */
    FULFILLED,
    /** Carried out in part. */
    PARTIALLY_FULFILLED,
    /** Refused, with the reason given to the requester. */
    REJECTED,
    /** Withdrawn by the requester. */
    WITHDRAWN
}
