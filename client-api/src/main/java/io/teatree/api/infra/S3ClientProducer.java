package io.teatree.api.infra;

import io.teatree.api.config.ApiConfig;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 client (path-style, the JDK's URL connection as transport). */
@Singleton
public class S3ClientProducer {

    @Produces
    @Singleton
    S3Client s3(ApiConfig config) {
        ApiConfig.S3 s3 = config.s3();
        return S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.of(s3.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    void close(@Disposes S3Client client) {
        client.close();
    }
}
