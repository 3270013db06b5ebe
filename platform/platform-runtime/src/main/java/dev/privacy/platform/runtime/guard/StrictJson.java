package dev.privacy.platform.runtime.guard;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.Collection;

/**
 * The platform's one input layer for JSON: every service's ObjectMapper (the one that reads
 * request bodies and the one resources inject) refuses, as a 400 problem naming the field
 * ({@code ProblemMappers}):
 * <ul>
 * <li>a duplicate key and anything after the body (a trailing document);</li>
 * <li>enum ordinals ({@code "kind":0}, {@code "kind":"0"}), numbers as booleans, strings as
 * numbers or booleans, numbers or booleans as strings, fractions as whole numbers;</li>
 * <li>NUL and other control characters (tab, CR and LF excepted) and lone surrogates in any
 * string; strings over {@value #MAX_STRING_LENGTH} characters; arrays over
 * {@value #MAX_ARRAY_SIZE} elements; nesting deeper than {@value #MAX_NESTING_DEPTH};</li>
 * <li>a card number (P01, {@link PanGuard#containsCardNumber}) in any string;</li>
 * <li>instants and dates outside the years 0001 to 9999 (PostgreSQL and the event schemas hold
 * no others).</li>
 * </ul>
 * Bodies over the size limit are refused before any of this ({@code BodyTooLargeProblem}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    public static final int MAX_STRING_LENGTH = 16_384;
    public static final int MAX_ARRAY_SIZE = 1_000;
    public static final int MAX_NESTING_DEPTH = 64;

    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    @Override
    public int priority() {
        return MINIMUM_PRIORITY; // last, so that these deserializers win over the Java-time module's
    }

    /** Makes {@code mapper} the platform's strict reader (also for tests and plain mappers). */
    @SuppressWarnings("deprecation")
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(100)
                .build());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);

        SimpleModule module = new SimpleModule("privacy-strict-json");
        module.addDeserializer(String.class, new StrictString());
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                                    BeanDescription description,
                                                                    JsonDeserializer<?> deserializer) {
                return new BoundedCollection(deserializer);
            }

            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                Class<?> raw = description.getBeanClass();
                if (raw == Instant.class || raw == OffsetDateTime.class || raw == LocalDate.class) {
                    return new BoundedTime(deserializer);
                }
                return deserializer;
            }
        });
        mapper.registerModule(module);
        return mapper;
    }

    /** Why {@code text} may not be stored, or {@code null}: control characters, length, a card number. */
    public static String refusal(String text) {
        if (text.length() > MAX_STRING_LENGTH) {
            return "must be at most " + MAX_STRING_LENGTH + " characters";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
                return "must not contain control characters";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return "must not contain unpaired surrogates";
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return "must not contain unpaired surrogates";
            }
        }
        if (PanGuard.containsCardNumber(text)) {
            return "looks like a card number; card numbers are not accepted (send a processor token and the last 4 digits)";
        }
        return null;
    }

    /** Strings only from JSON strings, and only those {@link #refusal} accepts. */
    static final class StrictString extends StdScalarDeserializer<String> {

        StrictString() {
            super(String.class);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                String text = p.getText();
                String refusal = refusal(text);
                if (refusal != null) {
                    throw new RefusedInputException(p, refusal.startsWith("looks like a card")
                            ? "card-number-refused" : "invalid-text", refusal);
                }
                return text;
            }
            if (p.hasToken(JsonToken.VALUE_NULL)) {
                return null;
            }
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
    }

    /** A collection of at most {@link #MAX_ARRAY_SIZE} elements. */
    static final class BoundedCollection extends DelegatingDeserializer {

        BoundedCollection(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new BoundedCollection(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            if (value instanceof Collection<?> collection && collection.size() > MAX_ARRAY_SIZE) {
                throw new RefusedInputException(p, "too-many-elements",
                        "must have at most " + MAX_ARRAY_SIZE + " elements");
            }
            return value;
        }
    }

    /** An instant, date or date-time in the years 0001 to 9999, and only from a JSON string. */
    static final class BoundedTime extends DelegatingDeserializer {

        BoundedTime(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new BoundedTime(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)
                    || p.hasToken(JsonToken.VALUE_TRUE) || p.hasToken(JsonToken.VALUE_FALSE)) {
                throw new RefusedInputException(p, "validation", "must be an ISO-8601 text");
            }
            Object value = super.deserialize(p, ctxt);
            if (value instanceof Temporal time && !inRange(time)) {
                throw new RefusedInputException(p, "validation", "must be between the years 0001 and 9999");
            }
            return value;
        }
    }

    static boolean inRange(Temporal time) {
        Instant instant;
        if (time instanceof Instant i) {
            instant = i;
        } else if (time instanceof OffsetDateTime o) {
            instant = o.toInstant();
        } else if (time instanceof LocalDate d) {
            return d.getYear() >= 1 && d.getYear() <= 9999;
        } else {
            return true;
        }
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** Whether {@code instant} is in the years 0001 to 9999 (for query parameters, {@code RequestParams}). */
    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }
}
