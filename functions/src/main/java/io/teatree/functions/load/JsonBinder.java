package io.teatree.functions.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Binds JSON values as JDBC parameters. */
final class JsonBinder {

    private JsonBinder() {
    }

    static void bind(PreparedStatement ps, int index, JsonNode value) throws SQLException {
        if (value == null || value.isNull() || value.isMissingNode()) {
            ps.setNull(index, Types.NULL);
        } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            ps.setLong(index, value.longValue());
        } else if (value.isBigDecimal() || value.isBigInteger()) {
            ps.setBigDecimal(index, value.decimalValue());
        } else if (value.isNumber()) {
            ps.setDouble(index, value.doubleValue());
        } else if (value.isBoolean()) {
            ps.setBoolean(index, value.booleanValue());
        } else if (value.isTextual()) {
            ps.setString(index, value.textValue());
        } else {
            ps.setString(index, value.toString());
        }
    }
}
