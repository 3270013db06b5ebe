package dev.privacy.member.service;

import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.runtime.access.AccessRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.UUID;

/**
 * Access records (P02): a thin facade over the platform's {@link AccessRecorder} that insists on
 * the caller's transaction, so a record never commits without the access it describes.
 */
@ApplicationScoped
public class AccessLog {

    @Inject
    AccessRecorder recorder;

    /** An access by the caller of the current request (or this service, outside a request). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void byCaller(UUID memberId, AccessAction action, Collection<String> fields, Purpose purpose) {
        recorder.record(memberId, action, fields, purpose);
    }

    /** An access by the caller that served something named by an ID (e.g. an approved disclosure). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void byCaller(UUID memberId, AccessAction action, Collection<String> fields, Purpose purpose,
                         UUID servedReference) {
        recorder.record(memberId, action, fields, purpose, servedReference.toString());
    }

    /** An access by the member themself before they hold a token (sign-up, login). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bySelf(UUID memberId, AccessAction action, Collection<String> fields, Purpose purpose) {
        recorder.recordBySelf(memberId, action, fields, purpose);
    }
}
