package io.teatree.functions.table;

/**
 * A column of a model table as DuckDB describes it.
 *
 * @param name     as stored (case preserved)
 * @param type     DuckDB's type text, e.g. {@code DECIMAL(10,2)}
 * @param nullable false for NOT NULL and key columns
 * @param hasDefault whether an omitted value gets a default
 */
public record Column(String name, String type, boolean nullable, boolean hasDefault) {
}
