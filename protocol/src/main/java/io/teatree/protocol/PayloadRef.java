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

    /** The key a payload of {@code intentId} is staged under: {@code staging/<model>/<intentId>}. */
    public static String stagingKey(ModelId model, java.util.UUID intentId) {
        return "staging/" + model.value() + "/" + intentId;
    }

    /**
     * Whether this reference is exactly the staging object of {@code intentId} of {@code model} in {@code bucket}
     * (the only object the client API ever stages for it): a forged reference to another model's or intent's
     * object, or to anything else in the bucket, is not.
     */
    public boolean isStagingOf(String bucket, ModelId model, java.util.UUID intentId) {
        return uri.equals("s3://" + bucket + "/" + stagingKey(model, intentId));
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
