package dev.privacy.auditlog.service;

/**
 * A transaction appended entries to the chain (fired once per transaction). The compliance stream's
 * relay observes it after commit, so the service layer needs no reference to the relay.
 */
public record ChainExtended() {
}
