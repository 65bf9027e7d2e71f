package io.teatree.service.s3;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The S3-compatible object store ({@code teatree.s3.*}, path-style addressing), the same keys in every service. */
@ConfigMapping(prefix = "teatree.s3")
public interface S3Config {

    @WithDefault("http://127.0.0.1:9000")
    String endpoint();

    @WithDefault("us-east-1")
    String region();

    @WithDefault("teatree")
    String bucket();

    String accessKey();

    String secretKey();
}
