package dev.privacy.retention.config;

import dev.privacy.retention.domain.RetentionPolicy;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Loads the retention policy file once, at start: a broken file stops the service (its message names the line). */
@ApplicationScoped
public class PolicyProducer {

    private static final Logger LOG = Logger.getLogger(PolicyProducer.class);

    @Produces
    @Singleton
    @Startup
    RetentionPolicy policy(RetentionConfig config) {
        RetentionPolicy policy = RetentionPolicyLoader.fromClasspath(config.policyFile());
        LOG.infof("Retention policy %s version %s: %d categories", config.policyFile(), policy.version(),
                policy.rules().size());
        return policy;
    }
}
