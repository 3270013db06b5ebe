package dev.privacy.member.rest;

import dev.privacy.member.service.FieldRules;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A self-service modification (P11): the fields to change; absent fields stay as they are. */
@Schema(name = "ProfileChange")
public record ProfileChange(
        @Size(min = 1, max = 100) String name,
        @Size(max = 32) String mobile,
        @Size(max = 254) @Email @Pattern(regexp = FieldRules.EMAIL_PATTERN, message = "must be a well-formed email address")
        String email) {

    @Override
    public String toString() {
        return "ProfileChange[redacted]";
    }
}
