package dev.privacy.platform.local;

import java.io.PrintStream;

/** {@code demo}: narrates a member's life through the running platform, step by step ({@link Demo}). */
final class DemoCommand {

    private static final PrintStream OUT = System.out;

    private DemoCommand() {
    }

    static int demo(LocalLayout layout) {
        try {
            return new Demo(OUT, DevTokens.readPrivateKey(layout.devPrivateKey()), "127.0.0.1").run();
        } catch (Demo.DemoFailure e) {
            System.err.println("demo stopped: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("demo failed: " + e);
            return 1;
        }
    }
}
