package io.teatree.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.teatree.testkit.S3Server;
import io.teatree.testkit.TeatreeServers;
import io.teatree.testkit.WithTeatreeServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

@WithTeatreeServers
class S3IT {

    @Test
    void putGetListAndPresignedGetAgainstTheRealServer(S3Server s3) throws Exception {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        try (S3Client client = S3Client.builder().endpointOverride(URI.create(s3.endpoint())).region(Region.of(s3.region()))
                .credentialsProvider(credentials).serviceConfiguration(pathStyle)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
             S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(s3.endpoint())).region(Region.of(s3.region()))
                     .credentialsProvider(credentials).serviceConfiguration(pathStyle).build()) {
            String bucket = TeatreeServers.BUCKET;
            client.putObject(b -> b.bucket(bucket).key("it/s3/a.txt"), RequestBody.fromString("hello teatree"));
            client.putObject(b -> b.bucket(bucket).key("it/s3/b.txt"), RequestBody.fromString("second"));

            assertThat(client.getObjectAsBytes(b -> b.bucket(bucket).key("it/s3/a.txt")).asUtf8String()).isEqualTo("hello teatree");
            ListObjectsV2Response listing = client.listObjectsV2(b -> b.bucket(bucket).prefix("it/s3/"));
            assertThat(listing.contents()).extracting(o -> o.key()).containsExactly("it/s3/a.txt", "it/s3/b.txt");

            URI presigned = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(GetObjectRequest.builder().bucket(bucket).key("it/s3/a.txt").build())).url().toURI();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(presigned).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello teatree");

            URI tampered = URI.create(presigned.toString().replace("a.txt", "b.txt"));
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(tampered).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                    .isEqualTo(403);
        }
    }
}
