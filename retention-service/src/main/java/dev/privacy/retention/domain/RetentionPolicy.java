package dev.privacy.retention.domain;

import dev.privacy.platform.events.DataCategory;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The whole retention policy as loaded from the policy file: one rule per data category. */
public final class RetentionPolicy {

    private final String version;
    private final String source;
    private final List<PolicyRule> rules;
    private final Map<DataCategory, PolicyRule> byCategory = new EnumMap<>(DataCategory.class);

    public RetentionPolicy(String version, String source, List<PolicyRule> rules) {
        this.version = version;
        this.source = source;
        this.rules = List.copyOf(rules);
        rules.forEach(r -> byCategory.put(r.category(), r));
    }

    public String version() {
        return version;
    }

    public String source() {
        return source;
    }

    public List<PolicyRule> rules() {
        return rules;
    }

    public PolicyRule rule(DataCategory category) {
        PolicyRule rule = byCategory.get(category);
        if (rule == null) {
            throw new IllegalStateException("The retention policy has no rule for " + category);
        }
        return rule;
    }

    public List<PolicyRule> startedBy(StartEvent event) {
        return rules.stream().filter(r -> r.startsOn() == event).toList();
    }

    public List<PolicyRule> rollingWindows() {
        return rules.stream().filter(PolicyRule::rollingWindow).toList();
    }
}
