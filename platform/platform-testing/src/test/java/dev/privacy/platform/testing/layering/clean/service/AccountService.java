package dev.privacy.platform.testing.layering.clean.service;

import dev.privacy.platform.testing.layering.clean.domain.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Fixture: the service layer uses the domain and another service-layer bean. */
@ApplicationScoped
public class AccountService {

    @Inject
    AccountStore store;

    public Account account(String id) {
        return store.find(id);
    }
}
