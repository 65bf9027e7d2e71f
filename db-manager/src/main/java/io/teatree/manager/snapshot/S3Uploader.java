package io.teatree.manager.snapshot;

import io.smallrye.faulttolerance.api.Guard;
import io.teatree.service.s3.S3Clients;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * Puts version files into S3 with the transfer manager (multipart above {@link S3Clients#PART_BYTES} bytes),
 * each call retried with backoff ({@link UntilStopped#FIRST_RETRY} doubling to {@link UntilStopped#LONGEST_RETRY}) until it succeeds
 * or the manager stops, so an S3 outage delays a version, never half-publishes it. Snapshot thread only.
 */
final class S3Uploader {

    private static final Logger LOG = Logger.getLogger(S3Uploader.class);

    private final S3Client s3;
    private final S3TransferManager transfers;
    private final String bucket;
    private final BooleanSupplier stopping;
    private final Guard retry;

    S3Uploader(S3Client s3, S3TransferManager transfers, String bucket, BooleanSupplier stopping) {
        this.s3 = s3;
        this.transfers = transfers;
        this.bucket = bucket;
        this.stopping = stopping;
        // only stopping (or an interrupt) ends the retries
        this.retry = UntilStopped.guard("teatree.manager.s3-upload", stopping);
    }

    String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    void put(String key, Path file) throws InterruptedException {
        guarded("put " + key, () -> await(transfers.uploadFile(u -> u.source(file)
                .putObjectRequest(b -> b.bucket(bucket).key(key))).completionFuture()));
    }

    void put(String key, byte[] bytes, String contentType) throws InterruptedException {
        guarded("put " + key, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes)));
    }

    /** Deletes every object under {@code prefix}. */
    void deletePrefix(String prefix) throws InterruptedException {
        guarded("delete " + prefix, () -> {
            List<ObjectIdentifier> keys = new ArrayList<>();
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                keys.add(ObjectIdentifier.builder().key(o.key()).build());
            }
            for (int from = 0; from < keys.size(); from += 1000) {
                List<ObjectIdentifier> chunk = keys.subList(from, Math.min(keys.size(), from + 1000));
                s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(chunk)));
            }
        });
    }

    /** Waits for a transfer; an interrupt cancels it (the transfer manager then aborts a multipart upload). */
    private static void await(CompletableFuture<?> transfer) throws InterruptedException {
        try {
            transfer.get();
        } catch (InterruptedException e) {
            transfer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new CompletionException(e.getCause());
        }
    }

    private interface Call {
        void run() throws IOException, InterruptedException;
    }

    private void guarded(String what, Call call) throws InterruptedException {
        try {
            retry.call(() -> {
                try {
                    call.run();
                    return null;
                } catch (IOException | RuntimeException e) {
                    if (!stopping.getAsBoolean()) {
                        LOG.warnf("S3 %s failed (%s); retrying with backoff", what, e.getMessage());
                    }
                    throw e;
                }
            }, Void.class);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // the retries are unbounded: they end only when the manager stops
            InterruptedException stopped = new InterruptedException("stopped while retrying " + what + ": " + e.getMessage());
            stopped.initCause(e);
            throw stopped;
        }
    }
}
