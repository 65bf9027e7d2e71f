package io.teatree.manager.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Puts version files into S3: multipart above {@value #PART_BYTES} bytes, each call retried with backoff
 * (1 s doubling to 30 s) until it succeeds or the manager stops, so an S3 outage delays a version, never
 * half-publishes it.
 */
final class S3Uploader {

    private static final Logger LOG = Logger.getLogger(S3Uploader.class);
    static final int PART_BYTES = 16 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final BooleanSupplier stopping;

    S3Uploader(S3Client s3, String bucket, BooleanSupplier stopping) {
        this.s3 = s3;
        this.bucket = bucket;
        this.stopping = stopping;
    }

    String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    void put(String key, Path file) throws InterruptedException {
        retry("put " + key, () -> {
            if (Files.size(file) <= PART_BYTES) {
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
            } else {
                multipart(key, file);
            }
        });
    }

    void put(String key, byte[] bytes, String contentType) throws InterruptedException {
        retry("put " + key, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes)));
    }

    /** Deletes every object under {@code prefix}. */
    void deletePrefix(String prefix) throws InterruptedException {
        retry("delete " + prefix, () -> {
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

    private void multipart(String key, Path file) throws IOException {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] buffer = new byte[PART_BYTES];
            int partNumber = 1;
            int read;
            while ((read = in.readNBytes(buffer, 0, PART_BYTES)) > 0) {
                final int number = partNumber++;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                        RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, read))).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException | IOException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException ignored) {
                // the store is unreachable; its lifecycle rules clean abandoned uploads
            }
            throw e;
        }
    }

    private interface Call {
        void run() throws IOException;
    }

    private void retry(String what, Call call) throws InterruptedException {
        Duration wait = Duration.ofSeconds(1);
        while (true) {
            try {
                call.run();
                return;
            } catch (IOException | RuntimeException e) {
                if (stopping.getAsBoolean()) {
                    throw new InterruptedException("stopped while retrying " + what + ": " + e.getMessage());
                }
                LOG.warnf("S3 %s failed (%s); retrying in %s", what, e.getMessage(), wait);
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : wait.multipliedBy(2);
            }
        }
    }
}
