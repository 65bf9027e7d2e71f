package io.teatree.dispatcher.placement;

/**
 * The shared servers every db-manager talks to, as the dispatcher was configured.
 *
 * @param natsUrl      NATS server URL
 * @param jdbcUrl      Postgres JDBC URL of the control tables
 * @param dbUser       Postgres user
 * @param dbPassword   Postgres password (may be empty)
 * @param s3Endpoint   S3 endpoint (path-style)
 * @param s3Region     S3 region
 * @param s3Bucket     S3 bucket
 * @param s3AccessKey  S3 access key
 * @param s3SecretKey  S3 secret key
 */
public record ManagerEnvironment(String natsUrl, String jdbcUrl, String dbUser, String dbPassword, String s3Endpoint,
                                 String s3Region, String s3Bucket, String s3AccessKey, String s3SecretKey) {

    public ManagerEnvironment {
        if (natsUrl == null || jdbcUrl == null || s3Endpoint == null || s3Region == null || s3Bucket == null) {
            throw new IllegalArgumentException("natsUrl, jdbcUrl and the S3 endpoint, region and bucket are required");
        }
        dbUser = dbUser == null ? "" : dbUser;
        dbPassword = dbPassword == null ? "" : dbPassword;
        s3AccessKey = s3AccessKey == null ? "" : s3AccessKey;
        s3SecretKey = s3SecretKey == null ? "" : s3SecretKey;
    }

    @Override
    public String toString() {
        return "ManagerEnvironment[nats=" + natsUrl + ", jdbc=" + jdbcUrl + ", s3=" + s3Endpoint + "/" + s3Bucket + "]";
    }
}
