package io.teatree.manager.support;

import io.teatree.testkit.S3Server;
import io.teatree.testkit.TeatreeServers;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** An S3 client on the testkit's server, for assertions. */
public final class S3 {

    private S3() {
    }

    public static S3Client client() {
        S3Server s3 = TeatreeServers.get().s3();
        return S3Client.builder().endpointOverride(URI.create(s3.endpoint())).region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static boolean exists(S3Client client, String key) {
        try {
            client.headObject(b -> b.bucket(TeatreeServers.BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    public static void download(S3Client client, String uri, Path target) {
        String rest = uri.substring("s3://".length());
        String bucket = rest.substring(0, rest.indexOf('/'));
        String key = rest.substring(rest.indexOf('/') + 1);
        client.getObject(b -> b.bucket(bucket).key(key), target);
    }
}
