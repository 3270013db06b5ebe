package dev.privacy.retention.config;

/** The retention policy file cannot be used: the message names the file, the line and the entry. */
public class PolicyFileException extends RuntimeException {

    public PolicyFileException(String message) {
        super(message);
    }

    public PolicyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
