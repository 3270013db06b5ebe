package dev.privacy.platform.runtime.envelope;

/** An event that can never be handled, however often it is redelivered: it goes to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }
}
