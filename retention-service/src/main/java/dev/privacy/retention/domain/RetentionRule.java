package dev.privacy.retention.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How long one data category is kept, from which event, and on what legal basis. */
@Entity
@Table(name = "retention_rule")
public class RetentionRule extends PanacheEntityBase {

    @Id
    public String category;

    @Column(nullable = false)
    public String period;

    @Column(name = "starts_on", nullable = false)
    public String startsOn;

    @Column(name = "legal_basis", nullable = false)
    public String legalBasis;

    @Column(name = "policy_text", nullable = false)
    public String policyText;
}
