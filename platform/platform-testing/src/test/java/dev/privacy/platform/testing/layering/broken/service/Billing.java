package dev.privacy.platform.testing.layering.broken.service;

import dev.privacy.platform.testing.layering.clean.service.AccountService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Fixture, violation: one service uses another service's code (the "clean" fixture stands for the other service). */
@ApplicationScoped
public class Billing {

    @Inject
    AccountService accounts;

    public String owner(String accountId) {
        return accounts.account(accountId).id();
    }
}
