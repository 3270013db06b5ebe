package dev.privacy.member.rest;

import dev.privacy.member.service.FieldRules;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Exactly the sign-up items of the policy (P01) and an age statement (P04); anything else is refused. */
@Schema(name = "SignUp")
public record SignUpRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Pattern(regexp = FieldRules.LOGIN_ID_PATTERN,
                message = "must be 4 to 32 characters: a letter, then letters, digits, '.', '_' or '-'") String loginId,
        @NotNull @Size(max = 128) @Schema(format = "password") String password,
        @NotBlank @Size(max = 32) @Schema(description = "E.164 (+821012345678) or Korean local form (010-1234-5678)")
        String mobile,
        @NotBlank @Size(max = 254) @Email @Pattern(regexp = FieldRules.EMAIL_PATTERN, message = "must be a well-formed email address")
        String email,
        @NotNull @Schema(description = "The member states they are 14 or over; no birth date is stored") Boolean over14) {

    @Override
    public String toString() {
        return "SignUpRequest[redacted]";
    }
}
