package io.teatree.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.teatree.functions.InvalidFieldException;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One intent as it travels on {@code teatree.intent.<model>} (docs/design.md, names on the wire). Immutable; validated on
 * construction, so a decoded envelope is always complete.
 *
 * @param id          the intent id (also the message's {@code Nats-Msg-Id})
 * @param model       the model the intent applies to
 * @param function    the function name, e.g. {@code append}
 * @param args        the function's JSON arguments (an object; empty when absent)
 * @param payloadRef  an S3 reference to a large payload, or null
 * @param submittedAt when the API accepted it
 * @param requester   who submitted it (API key id)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntentEnvelope(UUID id, ModelId model, String function, JsonNode args, PayloadRef payloadRef,
                             Instant submittedAt, String requester) {

    private static final Pattern FUNCTION_NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

    public IntentEnvelope {
        InvalidFieldException.require(id, "id");
        InvalidFieldException.require(model, "model");
        InvalidFieldException.require(function, "function");
        InvalidFieldException.require(submittedAt, "submittedAt");
        InvalidFieldException.require(requester, "requester");
        if (!FUNCTION_NAME.matcher(function).matches()) {
            throw new InvalidFieldException("function", "function name '" + function + "' must match " + FUNCTION_NAME.pattern());
        }
        if (args == null || args.isNull()) {
            args = JsonNodeFactory.instance.objectNode();
        }
        if (!args.isObject()) {
            throw new InvalidFieldException("args", "args must be a JSON object");
        }
    }
}
