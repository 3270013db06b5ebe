package dev.privacy.platform.runtime.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/**
 * The W3C {@code traceparent} of the current span, kept with an outbox row (Debezium's
 * {@code tracingspancontext} column) so that the relay, which publishes later on its own thread,
 * can hand the committing request's trace on to the consumers.
 */
public final class TraceParent {

    public static final String HEADER = "traceparent";

    private TraceParent() {
    }

    /** {@code 00-<trace-id>-<span-id>-<flags>}, or null when no sampled trace is active (tracing off). */
    public static String current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /** Puts {@code traceParent} on the record, so its consumers continue that trace; null puts nothing. */
    public static void attach(ProducerRecord<String, byte[]> record, String traceParent) {
        if (traceParent != null) {
            record.headers().add(HEADER, traceParent.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
