package io.teatree.functions.table;

import io.teatree.functions.InvalidFieldException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation and quoting of SQL names and literals built by the functions. Stateless. */
public final class Identifiers {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,62}$");

    private Identifiers() {
    }

    /**
     * Checks that {@code name} is a plain identifier (letters, digits, underscore, not starting with a digit)
     * and not reserved for the db-manager.
     *
     * @throws InvalidFieldException naming {@code field} otherwise
     */
    public static String require(String name, String field) {
        InvalidFieldException.require(name, field);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidFieldException(field, "'" + printable(name) + "' is not a valid name: use 1 to 63 letters, digits"
                    + " and '_', not starting with a digit");
        }
        if (name.toLowerCase(Locale.ROOT).startsWith("_teatree")) {
            throw new InvalidFieldException(field, "'" + name + "' is reserved for the db-manager");
        }
        return name;
    }

    /** {@code name} as a double-quoted identifier. */
    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code value} as a single-quoted SQL string literal. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String printable(String s) {
        String p = s.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 70 ? p.substring(0, 70) + "..." : p;
    }
}
