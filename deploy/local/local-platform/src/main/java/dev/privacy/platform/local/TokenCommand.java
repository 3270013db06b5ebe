package dev.privacy.platform.local;

import java.io.PrintStream;
import java.time.Instant;

/** {@code token ROLE [SUBJECT]}: prints a dev JWT signed with the local dev key (deploy/local/token.sh). */
final class TokenCommand {

    private static final PrintStream OUT = System.out;

    private TokenCommand() {
    }

    static int token(LocalLayout layout, String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: token.sh ROLE [SUBJECT]   (ROLE: " + String.join(", ", DevTokens.ROLES) + ")");
            return 2;
        }
        String role = args[1];
        if (!DevTokens.ROLES.contains(role)) {
            System.err.println("Unknown role '" + role + "'; use one of " + String.join(", ", DevTokens.ROLES));
            return 2;
        }
        String subject = args.length == 3 ? args[2] : "dev-" + role;
        if (role.equals("member") && args.length < 3) {
            System.err.println("note: a member reaches only their own resources; pass the member's ID as SUBJECT.");
        }
        OUT.println(DevTokens.sign(DevTokens.readPrivateKey(layout.devPrivateKey()), role, subject, Instant.now(), DevTokens.LIFETIME));
        return 0;
    }
}
