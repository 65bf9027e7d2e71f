package io.teatree.api.versions;

import io.quarkus.logging.Log;
import io.teatree.api.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Fetches published version files ({@code s3://<bucket>/models/<m>/v<N>/model.duckdb}) to local files, computing
 * their SHA-256 while they stream. Blocking; thread-safe.
 */
@ApplicationScoped
public class VersionObjects {

    private final S3Client s3;

    public VersionObjects(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * Writes the object at {@code uri} to {@code target} (replacing it) and returns the hex SHA-256 of its bytes.
     * An object that is gone (retention deleted it) is a 404 problem; S3 being unreachable a 503 problem.
     */
    public String download(String uri, Path target) {
        S3Uri location = S3Uri.parse(uri);
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(s3.getObject(b -> b.bucket(location.bucket()).key(location.key())), sha);
             OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        } catch (NoSuchKeyException e) {
            Log.warnf("version file %s is missing from the object store", uri);
            throw Problems.notFound("the version file is no longer in the object store", "version");
        } catch (SdkException e) {
            Log.warnf("cannot fetch version file %s: %s", uri, e.toString());
            throw Problems.unavailable("the object store is unreachable; retry later");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch " + uri + " to " + target, e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A new SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Bucket and key of an {@code s3://bucket/key} URI. */
    record S3Uri(String bucket, String key) {
        static S3Uri parse(String uri) {
            if (uri == null || !uri.startsWith("s3://") || uri.indexOf('/', 5) < 0) {
                throw new IllegalArgumentException("not an s3://bucket/key URI: " + uri);
            }
            int slash = uri.indexOf('/', 5);
            return new S3Uri(uri.substring(5, slash), uri.substring(slash + 1));
        }
    }
}
