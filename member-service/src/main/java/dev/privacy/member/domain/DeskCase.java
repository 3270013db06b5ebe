package dev.privacy.member.domain;

import dev.privacy.platform.events.Channel;
import dev.privacy.platform.events.ComplaintKind;
import dev.privacy.platform.events.ComplaintOutcome;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A privacy-desk case (P12, P20): a complaint or data-subject request with its channel, deadline,
 * status and resolution. The description and resolution note are ciphertexts under the data key of
 * the case's subject: the member, or the case itself when no member is identified.
 */
@Entity
@Table(name = "privacy_desk_case")
public class DeskCase extends PanacheEntityBase {

    public enum Status { OPEN, IN_PROGRESS, RESOLVED }

    @Id
    public UUID id;

    @Column(name = "member_id")
    public UUID memberId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ComplaintKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "recorded_by_role", nullable = false)
    public String recordedByRole;

    @Column(name = "description_ct")
    public byte[] descriptionCt;

    @Column(name = "correction_id")
    public UUID correctionId;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome")
    public ComplaintOutcome outcome;

    @Column(name = "resolution_note_ct")
    public byte[] resolutionNoteCt;

    /** Whose data key encrypts this case's texts. */
    public UUID keySubject() {
        return memberId != null ? memberId : id;
    }

    public boolean overdueAt(Instant now) {
        return status != Status.RESOLVED && dueAt.isBefore(now);
    }

    public String descriptionLabel() {
        return "case:" + id + ":description";
    }

    public String resolutionNoteLabel() {
        return "case:" + id + ":resolutionNote";
    }

    public static List<DeskCase> ofMember(UUID memberId) {
        return list("memberId = ?1 order by receivedAt", memberId);
    }

    public static long overdue(Instant now) {
        return count("status <> ?1 and dueAt < ?2", Status.RESOLVED, now);
    }
}
