package io.teatree.testkit;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random credentials for the testkit's servers. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** 24 random bytes in hex: safe in URLs, config files and SQL literals. */
    static String password() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
