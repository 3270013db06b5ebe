package dev.privacy.disclosure.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A third party that may receive personal data, with consent or on a lawful request. */
@Entity
@Table(name = "recipient")
public class Recipient extends PanacheEntityBase {

    public static final String CONSENTED_THIRD_PARTY = "CONSENTED_THIRD_PARTY";
    public static final String INVESTIGATIVE_AGENCY = "INVESTIGATIVE_AGENCY";

    @Id
    public UUID id;

    @Column(nullable = false)
    public String code;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(nullable = false)
    public String kind;

    /** The organisation's contact (a desk, not a member's data). */
    public String contact;

    /** Profile fields provision to this recipient may carry, comma-separated. */
    @Column(name = "allowed_fields", nullable = false)
    public String allowedFields;

    /** Where disclosures and correction notices are POSTed; null for an agency without one. */
    public String endpoint;

    /** The HMAC signing secret, encrypted ({@code SecretBox}); never leaves through the API. */
    @Column(name = "secret_ciphertext")
    public String secretCiphertext;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public List<String> allowedFieldList() {
        return FieldList.parse(allowedFields);
    }

    public boolean isPartner() {
        return CONSENTED_THIRD_PARTY.equals(kind);
    }
}
