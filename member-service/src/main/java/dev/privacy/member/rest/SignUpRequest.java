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
        @NotBlank @Size(max = FieldRules.NAME_MAX_LENGTH) String name,
        @NotNull @Pattern(regexp = FieldRules.LOGIN_ID_PATTERN, message = FieldRules.LOGIN_ID_MESSAGE) String loginId,
        @NotNull @Size(max = FieldRules.MAX_PASSWORD_LENGTH) @Schema(format = "password") String password,
        @NotBlank @Size(max = FieldRules.MOBILE_MAX_LENGTH)
        @Schema(description = "E.164 (+821012345678) or Korean local form (010-1234-5678)") String mobile,
        @NotBlank @Size(max = FieldRules.EMAIL_MAX_LENGTH) @Email
        @Pattern(regexp = FieldRules.EMAIL_PATTERN, message = FieldRules.EMAIL_MESSAGE) String email,
        @NotNull @Schema(description = "The member states they are 14 or over; no birth date is stored") Boolean over14) {

    @Override
    public String toString() {
        return "SignUpRequest[redacted]";
    }
}
