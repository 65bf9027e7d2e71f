package io.teatree.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.ErrorType;

/**
 * The one error shape (RFC 9457 problem details), used for HTTP errors and for intent failures in the
 * ledger, the control tables and events. Made only from a kind of the catalogue ({@link #of}); the canonical
 * constructor is for decoding what was recorded.
 *
 * @param type   a stable URI naming the kind of problem, e.g. {@code https://teatree.io/problems/bad-args}
 * @param title  a short summary of the kind
 * @param status the HTTP status that fits
 * @param detail what went wrong in this case
 * @param field  the offending field, table or column, when there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {

    /** A problem of kind {@code type}. */
    public static Problem of(ErrorType type, String detail, String field) {
        return new Problem(type.uri(), type.title(), type.status(), detail, field);
    }

    public JsonNode toJson() {
        return Json.MAPPER.valueToTree(this);
    }
}
