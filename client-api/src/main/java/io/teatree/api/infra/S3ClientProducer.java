package io.teatree.api.infra;

import io.teatree.service.s3.S3Clients;
import io.teatree.service.s3.S3Config;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 client ({@link S3Clients}: path-style, the JDK's URL connection as transport). */
@Singleton
public class S3ClientProducer {

    @Produces
    @Singleton
    S3Client s3(S3Config config) {
        return S3Clients.create(config);
    }

    void close(@Disposes S3Client client) {
        client.close();
    }
}
