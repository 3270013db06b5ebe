package dev.privacy.platform.runtime.guard;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON value the input layer ({@link StrictJson}) refuses: a control character, a card number,
 * an over-long string or array, a date out of range. Jackson adds the field's path as the
 * exception travels up; the problem mapper answers 400 naming that field. The message never
 * carries the refused value.
 */
public class RefusedInputException extends JsonMappingException {

    private final String slug;
    private final String reason;

    public RefusedInputException(JsonParser parser, String slug, String reason) {
        super(parser, reason);
        this.slug = slug;
        this.reason = reason;
    }

    /** The problem type's slug, e.g. {@code card-number-refused}. */
    public String slug() {
        return slug;
    }

    /** Why the value was refused, without the value. */
    public String reason() {
        return reason;
    }
}
