package dev.privacy.member.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The contract record of a service application (P01; CONTRACT_RECORDS): the address, encrypted, and the date. */
@Entity
@Table(name = "service_application")
public class ServiceApplication extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    @Column(name = "address_ct", nullable = false)
    public byte[] addressCt;

    @Column(name = "applied_at", nullable = false)
    public Instant appliedAt;

    public static List<ServiceApplication> ofMember(UUID memberId) {
        return list("memberId = ?1 order by appliedAt", memberId);
    }

    public static String addressLabel(UUID applicationId) {
        return "application:" + applicationId + ":address";
    }
}
