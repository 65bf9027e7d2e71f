package io.teatree.api.query;

import java.sql.Blob;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Base64;

/** Values of a result row as the row formats write them: null, booleans, numbers or text. */
final class Cells {

    private Cells() {
    }

    /** Column {@code index} (1-based) of the current row as null, a Boolean, a finite Number or a String. */
    static Object value(ResultSet rows, int index) throws SQLException {
        Object value = rows.getObject(index);
        return switch (value) {
            case null -> null;
            case Boolean b -> b;
            case String s -> s;
            case Double d when d.isNaN() || d.isInfinite() -> d.toString();
            case Float f when f.isNaN() || f.isInfinite() -> f.toString();
            case Number n -> n;
            case Timestamp t -> t.toLocalDateTime().toString();
            case Date d -> d.toLocalDate().toString();
            case Time t -> t.toLocalTime().toString();
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case Blob blob -> Base64.getEncoder().encodeToString(blob.getBytes(1, (int) Math.min(blob.length(), Integer.MAX_VALUE - 8)));
            default -> value.toString();
        };
    }

    /** The value as text: {@code null} stays null. */
    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
