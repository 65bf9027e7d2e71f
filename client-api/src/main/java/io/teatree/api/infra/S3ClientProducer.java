package io.teatree.api.infra;

import io.teatree.api.config.ApiConfig;
import io.teatree.service.s3.S3Clients;
import io.teatree.service.s3.S3Config;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * The S3 clients ({@link S3Clients}: path-style): a synchronous one on the JDK's URL connection for small calls,
 * and the transfer manager on the asynchronous multipart client (Netty) for staging request bodies. Each is
 * closed when the application stops.
 */
@Singleton
public class S3ClientProducer {

    private static final long MIN_PART = 5 * 1024 * 1024;
    private static final long MAX_PART = 64 * 1024 * 1024;
    /** More than one read of the SDK's body publisher (16 KiB). */
    private static final long READ_MARGIN = 1024 * 1024;

    @Produces
    @Singleton
    S3Client s3(S3Config config) {
        return S3Clients.create(config);
    }

    void close(@Disposes S3Client client) {
        client.close();
    }

    /**
     * The multipart client behind the transfer manager: parts of {@code teatree.limits.part-size} (5–64 MiB), and at
     * most about two parts of a body buffered. A body of unknown length is cut into parts held in memory, and the
     * first is kept until the second is read (only then is it a multipart upload), so the buffer takes two parts
     * and one read more; a smaller one would stall the upload.
     */
    @Produces
    @Singleton
    S3AsyncClient s3Async(S3Config config, ApiConfig api) {
        long part = Math.max(MIN_PART, Math.min(api.limits().partSize().asLongValue(), MAX_PART));
        return S3Clients.asyncBuilder(config, m -> m.thresholdInBytes(part).minimumPartSizeInBytes(part)
                .apiCallBufferSizeInBytes(2 * part + READ_MARGIN)).build();
    }

    void close(@Disposes S3AsyncClient client) {
        client.close();
    }

    @Produces
    @Singleton
    S3TransferManager transfers(S3AsyncClient client) {
        return S3TransferManager.builder().s3Client(client).build();
    }

    /** The transfer manager leaves a client it was given open; {@link #close(S3AsyncClient)} closes that. */
    void close(@Disposes S3TransferManager transfers) {
        transfers.close();
    }
}
