package io.teatree.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the S3-compatible server of {@code bin/teatree up}:
 * {@code S3Main <port> <dataDir> <bucket>}; access and secret key come from TEATREE_S3_ACCESS_KEY and
 * TEATREE_S3_SECRET_KEY. Runs until killed.
 */
public final class S3Main {

    private S3Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: S3Main <port> <dataDir> <bucket>");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir.resolve(args[2]));
        S3Server server = new S3Server(dir, Integer.parseInt(args[0]),
                System.getenv().getOrDefault("TEATREE_S3_ACCESS_KEY", S3Server.ACCESS_KEY),
                System.getenv().getOrDefault("TEATREE_S3_SECRET_KEY", S3Server.SECRET_KEY));
        server.start();
        System.out.println("S3 server listening on " + server.endpoint() + ", data in " + dir);
        Thread.currentThread().join();
    }
}
