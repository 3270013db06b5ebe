package dev.privacy.platform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The topics of platform-events' AsyncAPI document, who publishes to each and who consumes it. */
final class AsyncApi {

    static final String EVERY_SERVICE = "every service";

    private final ObjectNode document = Yaml.single(Repo.asyncApi());

    /** The concrete topics (channel addresses without a parameter), with the retention.ms the contract sets, or null. */
    Map<String, Long> topics() {
        Map<String, Long> topics = new TreeMap<>();
        document.path("channels").forEach(channel -> {
            String address = channel.path("address").asText();
            if (!address.contains("{")) {
                JsonNode retention = channel.path("bindings").path("kafka").path("topicConfiguration").path("retention.ms");
                topics.put(address, retention.isMissingNode() ? null : retention.asLong());
            }
        });
        return topics;
    }

    /** Topics the contract says this service sends to (x-publisher is the service or "every service"). */
    Set<String> publishedBy(String service) {
        return operations("send", "x-publisher", service);
    }

    /** Topics the contract says this service receives (x-consumer). */
    Set<String> consumedBy(String service) {
        return operations("receive", "x-consumer", service);
    }

    private Set<String> operations(String action, String role, String service) {
        Set<String> topics = new TreeSet<>();
        document.path("operations").forEach(operation -> {
            String who = operation.path(role).asText();
            if (operation.path("action").asText().equals(action) && (who.equals(service) || who.equals(EVERY_SERVICE))) {
                String ref = operation.path("channel").path("$ref").asText();
                String address = document.at(ref.substring(1)).path("address").asText();
                if (!address.contains("{")) {
                    topics.add(address);
                }
            }
        });
        return topics;
    }
}
