package dev.privacy.platform.testing.layering.clean.rest;

import dev.privacy.platform.testing.layering.clean.service.AccountService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Fixture: an adapter calls the service layer. */
@ApplicationScoped
public class AccountResource {

    @Inject
    AccountService accounts;

    public String get(String id) {
        return accounts.account(id).id();
    }
}
