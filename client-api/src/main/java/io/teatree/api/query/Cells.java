package io.teatree.api.query;

import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.Map;

/**
 * Values of a result row as the row formats write them. JSON and NDJSON get null, booleans, finite numbers, text
 * (timestamps ISO-8601, blobs base64, NaN and infinities as {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"})
 * or, for a STRUCT, LIST, ARRAY or MAP, a {@link RawJson} ({@link NestedJson}). CSV and text get DuckDB's own
 * text of the value ({@link DuckDbText}).
 */
final class Cells {

    private Cells() {
    }

    /** A nested value already written as JSON, to be copied into the answer as it is. */
    record RawJson(String json) {
    }

    /** Column {@code index} (1-based) of the current row for JSON: null, a Boolean, a finite Number, a String or a {@link RawJson}. */
    static Object json(ResultSet rows, int index) throws SQLException {
        Object value = rows.getObject(index);
        if (value instanceof Struct || value instanceof Array || value instanceof Map) {
            return new RawJson(NestedJson.write(value));
        }
        return scalar(value);
    }

    /** Column {@code index} (1-based) of the current row as DuckDB's {@code CAST(… AS VARCHAR)} prints it; null for NULL. */
    static String text(ResultSet rows, int index) throws SQLException {
        return DuckDbText.text(rows.getObject(index));
    }

    /** A value that is not nested, as JSON takes it: null, a Boolean, a finite Number or a String. */
    static Object scalar(Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case Boolean b -> b;
            case String s -> s;
            case Double d when d.isNaN() || d.isInfinite() -> d.toString();
            case Float f when f.isNaN() || f.isInfinite() -> f.toString();
            case Number n -> n;
            case Timestamp t -> t.toLocalDateTime().toString();
            case java.sql.Date d -> d.toLocalDate().toString();
            case java.sql.Time t -> t.toLocalTime().toString();
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case Blob blob -> Base64.getEncoder().encodeToString(bytes(blob));
            default -> value.toString();
        };
    }

    static byte[] bytes(Blob blob) throws SQLException {
        return blob.getBytes(1, (int) Math.min(blob.length(), Integer.MAX_VALUE - 8));
    }

    /** How long the cell is for {@code teatree.query.max-cell}: characters of its text or JSON, 0 for anything else. */
    static long length(Object cell) {
        return switch (cell) {
            case String s -> s.length();
            case RawJson raw -> raw.json().length();
            case null, default -> 0;
        };
    }
}
