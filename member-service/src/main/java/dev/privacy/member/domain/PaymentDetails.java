package dev.privacy.member.domain;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Payment information as the policy allows it (P01): the payment processor's token and display
 * hints. Never a card number; the API refuses anything that looks like one.
 */
@Schema(name = "PaymentDetails")
public record PaymentDetails(
        @NotNull @Pattern(regexp = "^tok_[A-Za-z0-9_]{6,64}$", message = "must be a processor token: tok_ and 6 to 64 letters, digits or '_'")
        String processorToken,
        @NotNull @Pattern(regexp = "^[A-Za-z][A-Za-z0-9_-]{1,23}$", message = "must be a card brand name such as VISA")
        String brand,
        @NotNull @Pattern(regexp = "^[0-9]{4}$", message = "must be exactly 4 digits")
        @Schema(description = "The last four digits of the card, exactly 4 digits") String last4) {

    @Override
    public String toString() {
        return "PaymentDetails[redacted]";
    }
}
