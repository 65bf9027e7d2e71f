package io.teatree.functions.table;

import io.teatree.functions.InvalidFieldException;

/**
 * A table named by an intent: {@code name} or {@code schema.name}, each part a plain identifier.
 *
 * @param schema the schema, or null for the connection's current schema
 * @param name   the table
 */
public record TableName(String schema, String name) {

    public TableName {
        Identifiers.require(name, "table");
    }

    /** Parses {@code text}, naming {@code field} in errors. */
    public static TableName parse(String text, String field) {
        InvalidFieldException.require(text, field);
        int dot = text.indexOf('.');
        if (dot < 0) {
            return new TableName(null, Identifiers.require(text, field));
        }
        return new TableName(Identifiers.require(text.substring(0, dot), field), Identifiers.require(text.substring(dot + 1), field));
    }

    /** The quoted name for SQL. */
    public String sql() {
        return schema == null ? Identifiers.quote(name) : Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
