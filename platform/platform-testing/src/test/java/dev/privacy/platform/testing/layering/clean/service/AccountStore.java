package dev.privacy.platform.testing.layering.clean.service;

import dev.privacy.platform.testing.layering.clean.domain.Account;
import jakarta.enterprise.context.ApplicationScoped;

/** Fixture: a bean at the bottom of the injection graph. */
@ApplicationScoped
public class AccountStore {

    public Account find(String id) {
        return new Account(id);
    }
}
