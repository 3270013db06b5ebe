package dev.privacy.member.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A service address (P01): stored only encrypted under the member's data key. */
@Schema(name = "Address")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(
        @NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9 \\-]{1,11}$", message = "must be 2 to 12 letters, digits, spaces or dashes")
        @Schema(description = "Postal code, e.g. 06236") String postcode,
        @NotBlank @Size(max = 200) String line1,
        @Size(max = 200) String line2,
        @Size(max = 100) String city) {

    @Override
    public String toString() {
        return "Address[redacted]";
    }
}
