package io.teatree.manager.payload;

import io.teatree.functions.Payload;
import io.teatree.protocol.PayloadRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Copies an intent's staged payload from S3 to a local file before its batch. */
public final class PayloadFetcher {

    private final S3Client s3;
    private final Path dir;

    public PayloadFetcher(S3Client s3, Path dir) throws IOException {
        this.s3 = s3;
        this.dir = Files.createDirectories(dir);
    }

    /**
     * Downloads the payload.
     *
     * @throws PayloadMissingException when the object does not exist (the intent fails)
     * @throws SdkException            when S3 is unreachable (the intent waits and is retried)
     */
    public Payload fetch(UUID intentId, PayloadRef ref) throws PayloadMissingException, IOException {
        Path file = dir.resolve(intentId + "." + ref.format().wireName());
        Files.deleteIfExists(file);
        try {
            s3.getObject(b -> b.bucket(ref.bucket()).key(ref.key()), file);
        } catch (NoSuchKeyException e) {
            throw new PayloadMissingException("payload " + ref.uri() + " does not exist");
        }
        return new Payload(ref.format(), file);
    }

    /** Deletes a fetched payload once its batch is over. */
    public void discard(Payload payload) {
        try {
            Files.deleteIfExists(payload.file());
        } catch (IOException ignored) {
            // a stray file in the payload directory is removed on the next fetch of that id
        }
    }

    /** The referenced payload is not in S3. */
    public static final class PayloadMissingException extends Exception {
        public PayloadMissingException(String message) {
            super(message);
        }
    }
}
