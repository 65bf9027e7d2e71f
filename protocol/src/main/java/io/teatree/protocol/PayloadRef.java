package io.teatree.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.PayloadFormat;

/**
 * A reference to a large payload stored in S3 under {@code staging/<model>/<intentId>}: intents never
 * carry large bodies themselves (docs/design.md, names on the wire).
 *
 * @param uri    {@code s3://bucket/key}
 * @param format how the payload is encoded
 * @param bytes  the stored size, or -1 when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PayloadRef(String uri, PayloadFormat format, long bytes) {

    public PayloadRef {
        InvalidFieldException.require(uri, "payloadRef.uri");
        InvalidFieldException.require(format, "payloadRef.format");
        if (!uri.startsWith("s3://")) {
            throw new InvalidFieldException("payloadRef.uri", "payloadRef.uri must be an s3:// URI");
        }
    }

    /** The bucket part of {@link #uri()}. */
    public String bucket() {
        String rest = uri.substring("s3://".length());
        return rest.substring(0, rest.indexOf('/'));
    }

    /** The key part of {@link #uri()}. */
    public String key() {
        String rest = uri.substring("s3://".length());
        return rest.substring(rest.indexOf('/') + 1);
    }
}
