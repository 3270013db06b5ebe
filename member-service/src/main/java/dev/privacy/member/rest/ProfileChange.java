package dev.privacy.member.rest;

import dev.privacy.member.service.FieldRules;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A self-service modification (P11): the fields to change; absent fields stay as they are. */
@Schema(name = "ProfileChange")
public record ProfileChange(
        @Size(min = 1, max = FieldRules.NAME_MAX_LENGTH) String name,
        @Size(max = FieldRules.MOBILE_MAX_LENGTH) String mobile,
        @Size(max = FieldRules.EMAIL_MAX_LENGTH) @Email
        @Pattern(regexp = FieldRules.EMAIL_PATTERN, message = FieldRules.EMAIL_MESSAGE) String email) {

    @Override
    public String toString() {
        return "ProfileChange[redacted]";
    }
}
