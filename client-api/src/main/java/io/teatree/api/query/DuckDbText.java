package io.teatree.api.query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Values from DuckDB's JDBC driver written as DuckDB's own {@code CAST(value AS VARCHAR)} prints them, nested
 * values included ({@code [1, NULL]}, {@code {'a': x}}, {@code {k=v}}). Inside a nested value a scalar is quoted
 * with {@code '} exactly when DuckDB quotes it: empty, starting or ending with white space, {@code null} in any
 * case, or holding one of {@code " ' ( ) , : = [ \ ] { }}; inside quotes {@code '} and {@code \} get a backslash.
 * Struct field names are always quoted. Stateless.
 */
final class DuckDbText {

    private static final String SPECIAL = "\"'(),:=[\\]{}";

    private DuckDbText() {
    }

    /** The text of a whole cell; null stays null. */
    static String text(Object value) throws SQLException {
        return value == null ? null : text(value, 0);
    }

    private static String text(Object value, int depth) throws SQLException {
        return switch (value) {
            case String s -> s;
            case Double d -> floating(d, Double.toString(d), false);
            case Float f -> floating(f, Float.toString(f), true);
            case BigDecimal d -> d.toPlainString();
            case Timestamp t -> timestamp(t.toLocalDateTime());
            case LocalDateTime t -> timestamp(t);
            case LocalDate d -> date(d);
            case LocalTime t -> time(t);
            case OffsetTime t -> time(t.toLocalTime()) + offset(t.getOffset());
            case OffsetDateTime t -> timestamp(t.toLocalDateTime()) + offset(t.getOffset());
            case byte[] bytes -> blob(bytes);
            case Blob blob -> blob(Cells.bytes(blob));
            case Struct struct -> struct(struct, depth);
            case Array array -> list(array, depth);
            case Map<?, ?> map -> map(map, depth);
            default -> value.toString();
        };
    }

    private static String struct(Struct struct, int depth) throws SQLException {
        Nesting.check(depth);
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> field : Nesting.fields(struct).entrySet()) {
            sb.append(sb.length() > 1 ? ", " : "").append(quote(field.getKey())).append(": ");
            sb.append(element(field.getValue(), false, depth + 1));
        }
        return sb.append('}').toString();
    }

    private static String list(Array array, int depth) throws SQLException {
        Nesting.check(depth);
        // a UNION or JSON element is written as DuckDB writes nested values: never quoted
        boolean bare = switch (array.getBaseTypeName()) {
            case "UNION", "JSON" -> true;
            default -> false;
        };
        StringBuilder sb = new StringBuilder("[");
        Object[] elements = (Object[]) array.getArray();
        for (int i = 0; i < elements.length; i++) {
            sb.append(i > 0 ? ", " : "").append(element(elements[i], bare, depth + 1));
        }
        return sb.append(']').toString();
    }

    private static String map(Map<?, ?> map, int depth) throws SQLException {
        Nesting.check(depth);
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            sb.append(sb.length() > 1 ? ", " : "").append(element(entry.getKey(), false, depth + 1)).append('=');
            sb.append(element(entry.getValue(), false, depth + 1));
        }
        return sb.append('}').toString();
    }

    /** A value inside a nested one: NULL spelled out, scalars quoted when DuckDB would, nested values as they are. */
    private static String element(Object value, boolean bare, int depth) throws SQLException {
        if (value == null) {
            return "NULL";
        }
        String text = text(value, depth);
        boolean nested = value instanceof Struct || value instanceof Array || value instanceof Map || value instanceof org.duckdb.JsonNode;
        return nested || bare || !needsQuotes(text) ? text : quote(text);
    }

    static boolean needsQuotes(String text) {
        if (text.isEmpty() || space(text.charAt(0)) || (text.length() > 1 && space(text.charAt(text.length() - 1)))
                || text.equalsIgnoreCase("null")) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            if (SPECIAL.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean space(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == 0x0B || ch == '\f' || ch == '\r';
    }

    private static String quote(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\'' || ch == '\\') {
                sb.append('\\');
            }
            sb.append(ch);
        }
        return sb.append('\'').toString();
    }

    /** Printable ASCII as itself, everything else and {@code " ' \} as {@code \xHH}. */
    static String blob(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int v = b & 0xFF;
            if (v >= 32 && v <= 126 && v != '"' && v != '\'' && v != '\\') {
                sb.append((char) v);
            } else {
                sb.append("\\x").append(Character.toUpperCase(Character.forDigit(v >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(v & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    /**
     * DuckDB's float text: the shortest digits that read back as the same value, in positional notation for decimal
     * exponents -4 to 15 ({@code 0.0001}, {@code 100.0}) and scientific otherwise ({@code 1e-05}, {@code 1e+16});
     * {@code nan}, {@code inf}, {@code -inf}.
     */
    private static String floating(double value, String java, boolean single) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        // Java's toString gives the shortest digits, but never fewer than two: 4.9E-324 where 5e-324 is enough
        BigDecimal decimal = new BigDecimal(java).stripTrailingZeros();
        if (decimal.precision() == 2) {
            BigDecimal one = decimal.round(new MathContext(1, RoundingMode.HALF_EVEN));
            String candidate = one.toString();
            if (single ? Float.parseFloat(candidate) == (float) value : Double.parseDouble(candidate) == value) {
                decimal = one;
            }
        }
        if (single) {
            decimal = insideFloat(decimal, (float) value);
        }
        if (decimal.signum() == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        int exponent = decimal.precision() - decimal.scale() - 1;
        String digits = decimal.unscaledValue().abs().toString();
        String sign = decimal.signum() < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = decimal.abs().toPlainString();
            return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.valueOf(Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
    }

    /**
     * DuckDB never writes a float as digits that lie exactly half way to its neighbour (52518470 for 52518472), where
     * Java does; such digits are replaced by the shortest that lie strictly closer.
     */
    private static BigDecimal insideFloat(BigDecimal digits, float value) {
        if (value == 0 || Float.isInfinite(value)) {
            return digits;
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal half = new BigDecimal(Math.ulp(value)).divide(BigDecimal.TWO);
        if (digits.subtract(exact).abs().compareTo(half) < 0) {
            return digits;
        }
        for (int precision = digits.precision() + 1; precision <= 9; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.subtract(exact).abs().compareTo(half) < 0) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.stripTrailingZeros();
    }

    private static String timestamp(LocalDateTime t) {
        return date(t.toLocalDate()) + " " + time(t.toLocalTime());
    }

    private static String date(LocalDate d) {
        int year = d.getYear();
        String y = String.valueOf(year > 0 ? year : 1 - year);
        String text = "0".repeat(Math.max(0, 4 - y.length())) + y + "-" + two(d.getMonthValue()) + "-" + two(d.getDayOfMonth());
        return year > 0 ? text : text + " (BC)";
    }

    private static String time(LocalTime t) {
        String text = two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
        if (t.getNano() == 0) {
            return text;
        }
        String nanos = String.valueOf(t.getNano());
        nanos = "0".repeat(9 - nanos.length()) + nanos;
        int end = nanos.length();
        while (nanos.charAt(end - 1) == '0') {
            end--;
        }
        return text + "." + nanos.substring(0, end);
    }

    /** {@code +02}, {@code +05:30}, {@code -08}, {@code +00}. */
    private static String offset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        int abs = Math.abs(seconds);
        String text = (seconds < 0 ? "-" : "+") + two(abs / 3600);
        if (abs % 3600 != 0) {
            text += ":" + two(abs % 3600 / 60);
            if (abs % 60 != 0) {
                text += ":" + two(abs % 60);
            }
        }
        return text;
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }
}
