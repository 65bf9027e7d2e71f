package io.teatree.api.query;

import io.teatree.functions.InvalidFieldException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A read-only query on a published version.
 *
 * @param sql     one SELECT statement with {@code ?} placeholders
 * @param params  values for the placeholders in order: JSON scalars (string, number, boolean, null)
 * @param version a version number or {@code latest}; the newest published version when absent
 */
public record QueryRequest(String sql, List<Object> params, String version) {

    public QueryRequest {
        if (sql == null || sql.isBlank()) {
            throw new InvalidFieldException("sql", "sql is required");
        }
        List<Object> values = new ArrayList<>();
        if (params != null) {
            for (int i = 0; i < params.size(); i++) {
                values.add(scalar(params.get(i), i));
            }
        }
        params = Collections.unmodifiableList(values);
    }

    private static Object scalar(Object value, int index) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof Number) {
            return value;
        }
        throw new InvalidFieldException("params[" + index + "]", "parameters must be JSON scalars (string, number, boolean or null)");
    }
}
