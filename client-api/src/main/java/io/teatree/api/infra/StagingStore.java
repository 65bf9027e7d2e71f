package io.teatree.api.infra;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.teatree.api.config.ApiConfig;
import io.teatree.api.http.BodyTooLargeException;
import io.teatree.protocol.ModelId;
import io.teatree.service.s3.S3Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Stages request bodies in S3 under {@code staging/<model>/<intentId>} without holding them in memory: a body
 * is read one part ({@code teatree.limits.part-size}) at a time into one reused buffer and sent as a multipart
 * upload; a body that ends within the first part is a single PUT. Over the limit, the upload is aborted and
 * nothing stays. Blocking; one call per request thread.
 */
@ApplicationScoped
public class StagingStore {

    private static final int MIN_PART = 5 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final int partSize;

    public StagingStore(S3Client s3, S3Config s3Config, ApiConfig config) {
        this.s3 = s3;
        this.bucket = s3Config.bucket();
        this.partSize = (int) Math.max(MIN_PART, Math.min(config.limits().partSize().asLongValue(), 64L * 1024 * 1024));
    }

    void createBucket(@Observes StartupEvent startup) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
            Log.infof("created bucket %s", bucket);
        } catch (SdkException e) {
            Log.warnf("cannot check bucket %s yet: %s", bucket, e.getMessage());
        }
    }

    public static String key(ModelId model, UUID intentId) {
        return "staging/" + model.value() + "/" + intentId;
    }

    /** The {@code s3://} URI of a key in this bucket. */
    public String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * Streams {@code body} to {@code key}.
     *
     * @return the number of bytes stored
     * @throws BodyTooLargeException when the body is longer than {@code limit}; nothing is stored
     * @throws IOException           when reading the body fails; nothing is stored
     */
    public long put(String key, InputStream body, long limit) throws IOException {
        byte[] buffer = new byte[partSize];
        int n = readFully(body, buffer);
        if (n < buffer.length) {
            if (n > limit) {
                throw new BodyTooLargeException(limit);
            }
            long size = n;
            s3.putObject(b -> b.bucket(bucket).key(key).contentLength(size), RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, n), size));
            return size;
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            while (n > 0) {
                total += n;
                if (total > limit) {
                    throw new BodyTooLargeException(limit);
                }
                int number = parts.size() + 1;
                int length = n;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number).contentLength((long) length),
                        RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, length), length)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                n = readFully(body, buffer);
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
            return total;
        } catch (IOException | RuntimeException e) {
            abort(key, uploadId);
            throw e;
        }
    }

    /** Removes a staged object (best effort), e.g. when its intent could not be queued. */
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            Log.warnf("cannot delete staged object %s: %s", key, e.getMessage());
        }
    }

    private void abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            Log.warnf("cannot abort multipart upload of %s: %s", key, e.getMessage());
        }
    }

    private static int readFully(InputStream in, byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int r = in.read(buffer, filled, buffer.length - filled);
            if (r < 0) {
                break;
            }
            filled += r;
        }
        return filled;
    }
}
