package dev.privacy.member.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A correction request (P13): the member (or a privacy officer) says some profile fields are wrong.
 * While it is {@link Status#PENDING} those fields are restricted. The optional note is ciphertext
 * under the member's data key.
 */
@Entity
@Table(name = "correction_request")
public class CorrectionRequest extends PanacheEntityBase {

    public enum Status { PENDING, APPLIED, REJECTED }

    @Id
    public UUID id;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    /** The field names, comma-separated (names only, never values). */
    @Column(name = "fields", nullable = false)
    public String fields;

    @Column(name = "note_ct")
    public byte[] noteCt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "requested_by_role", nullable = false)
    public String requestedByRole;

    /** The privacy-desk case that tracks the deadline, when the correction is a data-subject request. */
    @Column(name = "case_id")
    public UUID caseId;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "reject_reason")
    public String rejectReason;

    public List<String> fieldList() {
        return Arrays.asList(fields.split(","));
    }

    public static String join(List<String> fields) {
        return String.join(",", fields);
    }

    /** The fields of the member under restriction: those of every pending correction. */
    public static Set<String> restrictedFields(UUID memberId) {
        Set<String> restricted = new TreeSet<>();
        CorrectionRequest.<CorrectionRequest>list("memberId = ?1 and status = ?2", memberId, Status.PENDING)
                .forEach(c -> restricted.addAll(c.fieldList()));
        return restricted;
    }

    public static List<CorrectionRequest> ofMember(UUID memberId) {
        return list("memberId = ?1 order by requestedAt", memberId);
    }

    /** AEAD associated-data label of the note: binds the ciphertext to this request. */
    public String noteLabel() {
        return "correction:" + id + ":note";
    }
}
