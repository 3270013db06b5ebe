package dev.privacy.retention.domain;

import java.util.Arrays;
import java.util.Optional;

/** What starts a category's retention clock, as named in the policy file's {@code startsOn}. */
public enum StartEvent {
    /** The contract ended ({@code contractEndedAt} of MemberWithdrawn). */
    MEMBER_WITHDRAWN("MemberWithdrawn"),
    /** A service application created payment and supply records. */
    SERVICE_APPLIED("ServiceApplied"),
    /** The privacy desk closed a complaint (P18). */
    COMPLAINT_RESOLVED("ComplaintResolved"),
    /**
     * Each log record's own creation: a rolling window, so the category expires as a whole for
     * "everything created before now minus the period" rather than per member (P17, P19).
     */
    ACCESS_RECORDED("AccessRecorded");

    private final String eventName;

    StartEvent(String eventName) {
        this.eventName = eventName;
    }

    public String eventName() {
        return eventName;
    }

    public boolean rollingWindow() {
        return this == ACCESS_RECORDED;
    }

    public static Optional<StartEvent> byEventName(String name) {
        return Arrays.stream(values()).filter(e -> e.eventName.equals(name)).findFirst();
    }
}
