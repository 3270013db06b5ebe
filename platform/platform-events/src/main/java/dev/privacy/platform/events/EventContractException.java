package dev.privacy.platform.events;

import java.util.List;

/** Event data that breaks its JSON Schema: a bug in the producer, or a poison event for a consumer. */
public class EventContractException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> violations;

    public EventContractException(List<String> violations) {
        super(String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
