package io.teatree.functions.load;

import io.teatree.functions.FunctionException;
import io.teatree.functions.Payload;
import io.teatree.functions.PayloadFormat;
import io.teatree.functions.table.Column;
import io.teatree.functions.table.Identifiers;
import io.teatree.protocol.ProblemType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds which keys the objects of a staged NDJSON or JSON payload give. DuckDB's {@code read_json} reads the
 * objects into one union schema where a left-out key and an explicit {@code null} are both NULL, so the staged
 * table {@code raw} cannot tell them apart. Only the columns that hold a NULL somewhere can have been left out;
 * when there are none, every row gives every column (one run, no second read). Otherwise the file is read once
 * more with {@code read_json_objects}, keeping per object only a text of 0s and 1s saying which of those
 * columns its keys ({@code json_keys}) name; a window over those texts numbers the runs of equal ones and one
 * {@code GROUP BY} returns each run's row range. All set-based, in the staging database. With more than one
 * run, {@code raw} gets its row numbers as the column {@link #POSITION} for selecting a run's rows.
 */
final class JsonKeyRuns {

    /** The column of {@code raw} that numbers its rows from 0, added when there is more than one run. */
    static final String POSITION = "_staged_pos";

    private JsonKeyRuns() {
    }

    static List<ColumnRun> find(TrustedDuckDb db, Payload payload, List<StagedColumn> columns, List<String> always, long rowCount)
            throws SQLException, FunctionException {
        Set<String> forced = always.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<StagedColumn> optional = columns.stream().filter(c -> !forced.contains(c.target().name().toLowerCase(Locale.ROOT))).toList();
        List<StagedColumn> maybeLeftOut = withNulls(db, optional);
        if (maybeLeftOut.isEmpty()) {
            return List.of(new ColumnRun(0, rowCount, columns.stream().map(StagedColumn::target).toList()));
        }
        String given = maybeLeftOut.stream()
                .map(c -> "CASE WHEN list_contains(k, " + Identifiers.literal(c.source()) + ") THEN '1' ELSE '0' END")
                .collect(Collectors.joining(" || "));
        String format = payload.format() == PayloadFormat.NDJSON ? "newline_delimited" : "array";
        // the same reader settings and file as raw, and insertion order kept: the rowids of both tables are the file's row order
        db.execute("CREATE TEMP TABLE raw_keys AS SELECT " + given + " AS given FROM (SELECT json_keys(json) AS k FROM read_json_objects("
                + Identifiers.literal(payload.file().toAbsolutePath().toString()) + ", format = '" + format + "'))");
        try (Statement s = db.connection().createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM raw_keys")) {
                rs.next();
                if (rs.getLong(1) != rowCount) {
                    throw new FunctionException(ProblemType.BAD_PAYLOAD, "the " + payload.format().wireName() + " payload reads as "
                            + rowCount + " rows and as " + rs.getLong(1) + " objects", "payload");
                }
            }
            List<ColumnRun> runs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    SELECT min(r), max(r) + 1, any_value(given) FROM (
                      SELECT r, given, sum(change) OVER (ORDER BY r ROWS UNBOUNDED PRECEDING) AS run FROM (
                        SELECT r, given, CASE WHEN given IS DISTINCT FROM lag(given) OVER (ORDER BY r) THEN 1 ELSE 0 END AS change
                        FROM (SELECT rowid AS r, given FROM raw_keys)))
                    GROUP BY run ORDER BY run""")) {
                while (rs.next()) {
                    runs.add(new ColumnRun(rs.getLong(1), rs.getLong(2), columns(columns, maybeLeftOut, rs.getString(3))));
                }
            }
            if (runs.size() > 1) {
                // a filter on rowid below a window trips an internal DuckDB 2.0 error: give the rows their number as a column
                db.execute("CREATE TEMP TABLE raw_numbered AS SELECT *, rowid AS " + POSITION + " FROM raw");
                db.execute("DROP TABLE raw");
                db.execute("ALTER TABLE raw_numbered RENAME TO raw");
            }
            return runs;
        } finally {
            db.execute("DROP TABLE raw_keys");
        }
    }

    /** The columns among {@code candidates} that are NULL in some row. */
    private static List<StagedColumn> withNulls(TrustedDuckDb db, List<StagedColumn> candidates) throws SQLException {
        if (candidates.isEmpty()) {
            return List.of();
        }
        String any = candidates.stream().map(c -> "bool_or(" + Identifiers.quote(c.source()) + " IS NULL)").collect(Collectors.joining(", "));
        List<StagedColumn> found = new ArrayList<>();
        try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery("SELECT " + any + " FROM raw")) {
            rs.next();
            for (int i = 0; i < candidates.size(); i++) {
                if (rs.getBoolean(i + 1)) {
                    found.add(candidates.get(i));
                }
            }
        }
        return found;
    }

    /** Every column but those of {@code maybeLeftOut} whose flag in {@code given} is 0. */
    private static List<Column> columns(List<StagedColumn> columns, List<StagedColumn> maybeLeftOut, String given) {
        List<Column> run = new ArrayList<>();
        for (StagedColumn c : columns) {
            int flag = maybeLeftOut.indexOf(c);
            if (flag < 0 || given.charAt(flag) == '1') {
                run.add(c.target());
            }
        }
        return run;
    }
}
