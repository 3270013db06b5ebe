package dev.privacy.platform.events;

/** What the catalogue knows of one event type. */
public record EventDescriptor(String name, int version, Class<? extends DomainEvent> javaType) {

    /** The CloudEvents {@code type}: the event name with its version suffix, e.g. {@code MemberWithdrawn.v1}. */
    public String ceType() {
        return name + ".v" + version;
    }

    /** Classpath location of the event's JSON Schema. */
    public String schemaResource() {
        return "/contracts/schemas/" + ceType() + ".schema.json";
    }

    public static EventDescriptor of(Class<? extends DomainEvent> javaType) {
        EventType type = javaType.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalArgumentException(javaType.getName() + " is not annotated with @EventType");
        }
        return new EventDescriptor(type.name(), type.version(), javaType);
    }
}
