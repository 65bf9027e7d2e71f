package io.teatree.api.infra;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.teatree.api.http.BodyTooLargeException;
import io.teatree.api.http.LimitedInputStream;
import io.teatree.protocol.ModelId;
import io.teatree.service.s3.S3Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedUpload;

/**
 * Stages request bodies in S3 under {@code staging/<model>/<intentId>} without holding them in memory, with the
 * SDK's transfer manager: the calling thread writes the body into an upload of unknown length, which the multipart
 * client ({@link S3ClientProducer}) cuts into {@code teatree.limits.part-size} parts, about two of them in memory at
 * a time; a body that ends within the first part is a single PUT. A body over its limit or failing to be read fails
 * the upload, and the SDK aborts the multipart upload in the background, so nothing stays. Blocking; one call per
 * request thread.
 */
@ApplicationScoped
public class StagingStore {

    private final S3Client s3;
    private final S3TransferManager transfers;
    private final String bucket;

    public StagingStore(S3Client s3, S3TransferManager transfers, S3Config s3Config) {
        this.s3 = s3;
        this.transfers = transfers;
        this.bucket = s3Config.bucket();
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
        return io.teatree.protocol.PayloadRef.stagingKey(model, intentId);
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
     * @throws SdkException          when S3 fails or is unreachable; nothing is stored
     */
    public long put(String key, InputStream body, long limit) throws IOException {
        StreamedBody streamed = new StreamedBody();
        CompletableFuture<CompletedUpload> upload = transfers.upload(u -> u.requestBody(streamed)
                .putObjectRequest(b -> b.bucket(bucket).key(key))).completionFuture();
        upload.whenComplete((done, failure) -> {
            if (failure != null) {
                streamed.abandon();
            }
        });
        long size;
        try {
            size = streamed.write(new LimitedInputStream(body, limit));
        } catch (UncheckedIOException e) {
            // the upload got the error too and fails; the SDK aborts its multipart upload
            throw e.getCause();
        } catch (RuntimeException e) {
            // the upload failed first (its cause is the one to report), or never took the body
            if (upload.cancel(true)) {
                throw SdkClientException.create("the upload did not take the body: " + e.getMessage(), e);
            }
            await(upload);
            throw e;
        }
        await(upload);
        return size;
    }

    /** Removes a staged object (best effort), e.g. when its intent could not be queued. */
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            Log.warnf("cannot delete staged object %s: %s", key, e.getMessage());
        }
    }

    private static void await(CompletableFuture<CompletedUpload> upload) {
        try {
            upload.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SdkException cause) {
                throw cause;
            }
            throw SdkClientException.create("the upload failed: " + e.getCause(), e.getCause());
        }
    }
}
