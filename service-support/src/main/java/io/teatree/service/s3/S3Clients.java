package io.teatree.service.s3;

import java.net.URI;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;

/**
 * Builds the S3 clients from configuration, both path-style (as S3-compatible servers want) with the same
 * endpoint, region and credentials: a synchronous one for small calls and an asynchronous, multipart one
 * for the transfer manager.
 */
public final class S3Clients {

    /** Files above this size are uploaded in parts of this size (the SDK raises it only to stay within 10,000 parts). */
    public static final long PART_BYTES = 16 * 1024 * 1024;

    private S3Clients() {
    }

    public static S3Client create(S3Config config) {
        return builder(config).build();
    }

    /** The Java-based asynchronous client with multipart uploads above {@link #PART_BYTES}, for {@code S3TransferManager}. */
    public static S3AsyncClient createAsync(S3Config config) {
        return asyncBuilder(config).build();
    }

    /** {@link #create}'s settings, for a caller that adds its own (tests add interceptors). */
    public static S3ClientBuilder builder(S3Config config) {
        return common(S3Client.builder(), config).httpClient(UrlConnectionHttpClient.create());
    }

    /** {@link #createAsync}'s settings, for a caller that adds its own. */
    public static S3AsyncClientBuilder asyncBuilder(S3Config config) {
        return asyncBuilder(config, m -> m.thresholdInBytes(PART_BYTES).minimumPartSizeInBytes(PART_BYTES));
    }

    /**
     * {@link #asyncBuilder(S3Config)} with the caller's multipart settings instead of {@link #PART_BYTES} parts:
     * part size, threshold and how much of a body the client may buffer ({@code apiCallBufferSizeInBytes}).
     */
    public static S3AsyncClientBuilder asyncBuilder(S3Config config, Consumer<MultipartConfiguration.Builder> multipart) {
        return common(S3AsyncClient.builder(), config)
                .multipartEnabled(true)
                .multipartConfiguration(multipart)
                .httpClient(NettyNioAsyncHttpClient.create());
    }

    /** The settings both clients share: endpoint, region, credentials, path-style addressing, checksums. */
    private static <B extends S3BaseClientBuilder<B, ?>> B common(B builder, S3Config config) {
        return builder.endpointOverride(URI.create(config.endpoint()))
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config))
                .serviceConfiguration(pathStyle())
                // integrity is ours (sha256 in the manifest); the SDK's default per-request checksums stream
                // bodies through aws-chunked encoding, several times slower against S3-compatible servers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }

    private static StaticCredentialsProvider credentials(S3Config config) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
    }

    private static S3Configuration pathStyle() {
        return S3Configuration.builder().pathStyleAccessEnabled(true).build();
    }
}
