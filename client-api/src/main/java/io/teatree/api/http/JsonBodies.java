package io.teatree.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.teatree.api.config.ApiConfig;
import io.teatree.api.problem.Problems;
import io.teatree.functions.InvalidFieldException;
import io.teatree.protocol.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Reads JSON request bodies strictly and within {@code teatree.limits.json-body}, turning every failure into
 * the one error shape: malformed JSON and unknown fields 400 naming the field, oversize 413.
 */
@ApplicationScoped
public class JsonBodies {

    private static final ObjectMapper STRICT = Json.MAPPER.copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final long limit;

    public JsonBodies(ApiConfig config) {
        this.limit = config.limits().jsonBody().asLongValue();
    }

    /** The bytes of {@code body} within {@code teatree.limits.json-body} (413 naming {@code body} over it), e.g. an NDJSON batch. */
    public byte[] readBytes(InputStream body, OptionalLong contentLength) {
        if (contentLength.isPresent() && contentLength.getAsLong() > limit) {
            throw Problems.tooLarge(limit, "body");
        }
        try (InputStream in = new LimitedInputStream(body, limit)) {
            return in.readAllBytes();
        } catch (BodyTooLargeException e) {
            throw Problems.tooLarge(limit, "body");
        } catch (IOException e) {
            throw Problems.invalidField("body", "the request body could not be read");
        }
    }

    /** Parses {@code body} as {@code type}; {@code contentLength} lets an oversize body be refused unread. */
    public <T> T read(InputStream body, OptionalLong contentLength, Class<T> type) {
        return read(body, contentLength, type, limit, "body");
    }

    /**
     * Parses {@code body} as {@code type} within {@code maxBytes} bytes instead of {@code teatree.limits.json-body};
     * over it is 413 naming {@code bodyField} (the part of the body that makes it large, e.g. a query's {@code sql}).
     */
    public <T> T read(InputStream body, OptionalLong contentLength, Class<T> type, long maxBytes, String bodyField) {
        if (contentLength.isPresent() && contentLength.getAsLong() > maxBytes) {
            throw Problems.tooLarge(maxBytes, bodyField);
        }
        try (InputStream in = new LimitedInputStream(body, maxBytes)) {
            T value = STRICT.readValue(in, type);
            if (value == null) {
                throw Problems.malformedJson("the body must be a JSON object");
            }
            return value;
        } catch (BodyTooLargeException e) {
            throw Problems.tooLarge(maxBytes, bodyField);
        } catch (UnrecognizedPropertyException e) {
            throw Problems.unknownField(path(e));
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof InvalidFieldException invalid) {
                throw invalid;
            }
            throw Problems.invalidField(path(e), e.getOriginalMessage());
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (field == null) {
                throw Problems.malformedJson("the body must be a JSON object: " + e.getOriginalMessage());
            }
            throw Problems.invalidField(field, "'" + field + "' has the wrong type: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw Problems.malformedJson("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw Problems.invalidField("body", "the request body could not be read");
        }
    }

    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }
}
