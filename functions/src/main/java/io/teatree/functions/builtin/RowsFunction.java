package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The row-writing functions ({@code append}, {@code replace}, {@code upsert}): they read {@link RowsArgs} and
 * take their rows inline or as a payload.
 */
abstract class RowsFunction extends BuiltinFunction<RowsArgs> {

    RowsFunction(String name, String... fields) {
        super(name, fields);
    }

    @Override
    public final boolean acceptsPayload() {
        return true;
    }

    /** The table and the rows; no key columns. */
    @Override
    RowsArgs parse(JsonNode args) {
        return RowsArgs.parse(args, false);
    }
}
