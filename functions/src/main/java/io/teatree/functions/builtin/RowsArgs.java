package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.table.TableName;
import java.util.List;

/**
 * Arguments of the row-writing functions ({@code append}, {@code replace}, {@code upsert}).
 *
 * @param table the target table
 * @param rows  inline rows (a JSON array of objects), or null when the rows come as a payload
 * @param key   the key columns ({@code upsert} only; empty otherwise)
 */
public record RowsArgs(TableName table, JsonNode rows, List<String> key) {

    /** Reads the fields of an arguments object, and the key columns when {@code withKey}. */
    static RowsArgs parse(JsonNode args, boolean withKey) {
        return new RowsArgs(ArgReader.table(args, "table"), ArgReader.rows(args),
                withKey ? ArgReader.identifiers(args, "key", true) : List.of());
    }
}
