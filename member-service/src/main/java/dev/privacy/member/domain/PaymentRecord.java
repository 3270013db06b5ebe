package dev.privacy.member.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The payment record of a service application (P01; PAYMENT_RECORDS): the processor token and its
 * display hints (brand, last 4), encrypted, and the date. Never a card number.
 */
@Entity
@Table(name = "payment_record")
public class PaymentRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "application_id", nullable = false)
    public UUID applicationId;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    @Column(name = "payment_ct", nullable = false)
    public byte[] paymentCt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    public static List<PaymentRecord> ofMember(UUID memberId) {
        return list("memberId = ?1 order by recordedAt", memberId);
    }

    public static String paymentLabel(UUID paymentId) {
        return "payment:" + paymentId + ":payment";
    }
}
