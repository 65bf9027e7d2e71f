package io.teatree.manager.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.teatree.manager.support.S3;
import io.teatree.service.s3.S3Clients;
import io.teatree.service.s3.S3Config;
import io.teatree.testkit.Ports;
import io.teatree.testkit.S3Server;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/** {@link S3Uploader} with the production clients of {@link S3Clients} against the testkit's S3Proxy. */
@WithTeatreeServers
class S3UploaderIT {

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        stopping.set(true);
        for (AutoCloseable r : resources.reversed()) {
            r.close();
        }
    }

    @Test
    void aFileLargerThanAPartIsUploadedInPartsAndReadsBackIdentical(TeatreeServers servers) throws Exception {
        Path file = randomFile(servers, 2 * S3Clients.PART_BYTES + 12_345);
        List<Call> calls = new CopyOnWriteArrayList<>();
        uploader(TeatreeServers.get().s3().endpoint(), calls).put("uploader/large.bin", file);

        assertThat(calls).extracting(Call::operation).containsExactlyInAnyOrder("CreateMultipartUploadRequest",
                "UploadPartRequest", "UploadPartRequest", "UploadPartRequest", "CompleteMultipartUploadRequest");
        S3Client s3 = S3.client();
        HeadObjectResponse head = s3.headObject(b -> b.bucket(TeatreeServers.BUCKET).key("uploader/large.bin"));
        assertThat(head.contentLength()).isEqualTo(Files.size(file));
        Path download = servers.newDirectory("download").resolve("large.bin");
        S3.download(s3, "s3://" + TeatreeServers.BUCKET + "/uploader/large.bin", download);
        assertThat(SnapshotFiles.sha256(download)).isEqualTo(SnapshotFiles.sha256(file));
    }

    @Test
    void smallFilesAndBytesArePutWholeAndAPrefixIsDeleted(TeatreeServers servers) throws Exception {
        Path file = randomFile(servers, S3Clients.PART_BYTES);
        List<Call> calls = new CopyOnWriteArrayList<>();
        S3Uploader uploader = uploader(TeatreeServers.get().s3().endpoint(), calls);
        uploader.put("uploader/v1/small.bin", file);
        uploader.put("uploader/v1/manifest.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(calls).extracting(Call::operation).containsExactly("PutObjectRequest", "PutObjectRequest");
        S3Client s3 = S3.client();
        assertThat(s3.headObject(b -> b.bucket(TeatreeServers.BUCKET).key("uploader/v1/small.bin")).contentLength())
                .isEqualTo(S3Clients.PART_BYTES);
        assertThat(s3.headObject(b -> b.bucket(TeatreeServers.BUCKET).key("uploader/v1/manifest.json")).contentType())
                .isEqualTo("application/json");

        uploader.deletePrefix("uploader/v1/");
        assertThat(S3.exists(s3, "uploader/v1/small.bin")).isFalse();
        assertThat(S3.exists(s3, "uploader/v1/manifest.json")).isFalse();
    }

    @Test
    void whileS3IsUnreachableEachCallIsRetriedWithGrowingPausesUntilTheManagerStops() throws Exception {
        List<Call> calls = new CopyOnWriteArrayList<>();
        S3Uploader uploader = uploader("http://127.0.0.1:" + Ports.free(), calls);
        CompletableFuture<Void> put = CompletableFuture.runAsync(() -> {
            try {
                uploader.put("uploader/never.json", new byte[] {1}, "application/json");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> calls.size() >= 3);
        assertThat(put).isNotDone();
        assertThat(Duration.ofNanos(calls.get(1).nanoTime() - calls.get(0).nanoTime())).isGreaterThanOrEqualTo(UntilStopped.FIRST_RETRY);
        assertThat(Duration.ofNanos(calls.get(2).nanoTime() - calls.get(1).nanoTime()))
                .isGreaterThanOrEqualTo(UntilStopped.FIRST_RETRY.multipliedBy(2));

        stopping.set(true);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(put::isDone);
        assertThat(put.exceptionNow().getCause()).isInstanceOf(InterruptedException.class)
                .hasMessageStartingWith("stopped while retrying put uploader/never.json");
    }

    @Test
    void aLargeUploadStartedWhileS3IsDownCompletesOnceItIsBack(TeatreeServers servers) throws Exception {
        Path file = randomFile(servers, S3Clients.PART_BYTES + 1);
        S3Server server = servers.s3();
        List<Call> calls = new CopyOnWriteArrayList<>();
        S3Uploader uploader = uploader(server.endpoint(), calls);
        CompletableFuture<Void> put;
        server.stop();
        try {
            put = CompletableFuture.runAsync(() -> {
                try {
                    uploader.put("uploader/after-outage.bin", file);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> calls.size() >= 2); // failed and retried
        } finally {
            server.start();
        }
        put.get(60, TimeUnit.SECONDS);
        Path download = servers.newDirectory("download").resolve("after-outage.bin");
        S3.download(S3.client(), "s3://" + TeatreeServers.BUCKET + "/uploader/after-outage.bin", download);
        assertThat(SnapshotFiles.sha256(download)).isEqualTo(SnapshotFiles.sha256(file));
    }

    /** One S3 request the uploader's clients made (SDK-internal retries not counted). */
    private record Call(String operation, long nanoTime) {
    }

    /** An uploader on the production clients of {@link S3Clients}; {@code calls} receives each S3 request. */
    private S3Uploader uploader(String endpoint, List<Call> calls) {
        S3Server server = TeatreeServers.get().s3();
        Config config = new Config(endpoint, server.region(), TeatreeServers.BUCKET, server.accessKey(), server.secretKey());
        ExecutionInterceptor recording = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                calls.add(new Call(context.request().getClass().getSimpleName(), System.nanoTime()));
            }
        };
        S3Client s3 = S3Clients.builder(config).overrideConfiguration(o -> o.addExecutionInterceptor(recording)).build();
        S3AsyncClient async = S3Clients.asyncBuilder(config).overrideConfiguration(o -> o.addExecutionInterceptor(recording)).build();
        S3TransferManager transfers = S3TransferManager.builder().s3Client(async).build();
        resources.add(s3);
        resources.add(async);
        resources.add(transfers);
        return new S3Uploader(s3, transfers, TeatreeServers.BUCKET, stopping::get);
    }

    private static Path randomFile(TeatreeServers servers, long bytes) throws Exception {
        Path file = servers.newDirectory("upload").resolve("data.bin");
        Random random = new Random(bytes);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
        return file;
    }

    private record Config(String endpoint, String region, String bucket, String accessKey, String secretKey) implements S3Config {
    }
}
