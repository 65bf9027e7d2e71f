package io.teatree.testkit;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3-compatible server (S3Proxy, filesystem backend) inside this JVM on a free loopback port.
 * Clients must use path-style addressing and sign every request (AWS V2 or V4): unsigned ones get 403, whatever
 * the files' permissions ({@link PrivateBlobStore}). {@link #stop()} and {@link #start()} keep port and data.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "teatree";
    public static final String SECRET_KEY = "teatree-secret";

    private final Path dir;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private S3Proxy proxy;

    public S3Server(Path dir) {
        this(dir, Ports.free(), ACCESS_KEY, SECRET_KEY);
    }

    public S3Server(Path dir, int port, String accessKey, String secretKey) {
        this.dir = dir;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    public synchronized S3Server start() throws Exception {
        if (proxy != null) {
            return this;
        }
        Files.createDirectories(dir);
        S3Proxy started = S3Proxy.builder()
                .blobStore(new PrivateBlobStore(new FilesystemNio2BlobStore(dir.toString())))
                .endpoint(URI.create(endpoint()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .build();
        started.start();
        Ports.await(port, null, java.time.Duration.ofSeconds(20), "s3proxy");
        proxy = started;
        return this;
    }

    /** Stops serving; stored objects stay for a later {@link #start()}. */
    public synchronized void stop() throws Exception {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the objects are: {@code <directory>/<bucket>/<key>}. */
    public Path directory() {
        return dir;
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String region() {
        return "us-east-1";
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
