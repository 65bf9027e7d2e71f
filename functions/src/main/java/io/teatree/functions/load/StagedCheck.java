package io.teatree.functions.load;

import io.teatree.functions.FunctionException;
import io.teatree.functions.table.Column;
import io.teatree.functions.table.Identifiers;
import io.teatree.functions.table.TableSchema;
import io.teatree.protocol.ProblemType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks staged rows against a target table inside the staging database, so that a bad value is reported
 * with its row and column and never reaches (and aborts) the model's transaction.
 */
final class StagedCheck {

    private StagedCheck() {
    }

    /** Matches the staged columns to the table's, failing for a column the table does not have. */
    static List<StagedColumn> matchColumns(TrustedDuckDb db, TableSchema target, Map<String, Integer> firstRow, boolean payload)
            throws SQLException, FunctionException {
        List<StagedColumn> matched = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> sources = new ArrayList<>();
        try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM raw LIMIT 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                sources.add(rs.getMetaData().getColumnName(i));
            }
        }
        List<Column> columns = new ArrayList<>();
        for (String source : sources) {
            Column column = target.requireColumn(source, where(source, firstRow, payload));
            if (!seen.add(column.name().toLowerCase(Locale.ROOT))) {
                throw new FunctionException(ProblemType.BAD_ARGS, "column '" + column.name() + "' is given twice", where(source, firstRow, payload));
            }
            columns.add(column);
        }
        boolean allCastable = castable(db, columns.stream().map(Column::type).toList());
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            boolean known = allCastable || castable(db, List.of(column.type()));
            matched.add(new StagedColumn(column, sources.get(i), known ? column.type() : "VARCHAR"));
        }
        for (Column column : target.columns()) {
            if (!column.nullable() && !column.hasDefault() && !seen.contains(column.name().toLowerCase(Locale.ROOT))) {
                throw new FunctionException(ProblemType.CONSTRAINT_VIOLATION, "column '" + column.name() + "' of table '" + target.name()
                        + "' is NOT NULL and has no default, but the rows give no value for it", where(column.name(), Map.of(), payload));
            }
        }
        return List.copyOf(matched);
    }

    /**
     * Finds the first row with a value that does not convert to its column's type, or a null in a NOT NULL
     * column, and fails naming it ({@code rows[3].amount}); returns the row count otherwise.
     */
    static long validate(TrustedDuckDb db, TableSchema target, List<StagedColumn> columns, boolean payload)
            throws SQLException, FunctionException {
        List<String> conditions = new ArrayList<>();
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            StagedColumn c = columns.get(i);
            String source = Identifiers.quote(c.source());
            String bad = "(" + source + " IS NOT NULL AND TRY_CAST(" + source + " AS " + c.stagingType() + ") IS NULL)";
            if (!c.target().nullable()) {
                bad = "(" + bad + " OR " + source + " IS NULL)";
            }
            conditions.add(bad);
            cases.add("WHEN " + bad + " THEN " + i);
        }
        if (!conditions.isEmpty()) {
            String sql = "SELECT rowid, CASE " + String.join(" ", cases) + " END FROM raw WHERE "
                    + String.join(" OR ", conditions) + " ORDER BY rowid LIMIT 1";
            try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
                if (rs.next()) {
                    throw badValue(db, target, columns.get(rs.getInt(2)), rs.getLong(1), payload);
                }
            }
        }
        try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM raw")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static FunctionException badValue(TrustedDuckDb db, TableSchema target, StagedColumn column, long row, boolean payload)
            throws SQLException {
        String field = (payload ? "payload.rows[" : "rows[") + row + "]." + column.target().name();
        try (PreparedStatement ps = db.connection().prepareStatement(
                "SELECT CAST(" + Identifiers.quote(column.source()) + " AS VARCHAR) FROM raw WHERE rowid = ?")) {
            ps.setLong(1, row);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String value = rs.getString(1);
                if (value == null) {
                    return new FunctionException(ProblemType.CONSTRAINT_VIOLATION, field + ": column '" + column.target().name() + "' of table '"
                            + target.name() + "' is NOT NULL", field);
                }
                String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
                return new FunctionException(ProblemType.TYPE_MISMATCH, field + ": '" + shown + "' is not a valid " + column.target().type()
                        + " for column '" + column.target().name() + "' of table '" + target.name() + "'", field);
            }
        }
    }

    /** True when the staging database knows every one of {@code types} (a model's own enum it does not). */
    private static boolean castable(TrustedDuckDb db, List<String> types) {
        if (types.isEmpty()) {
            return true;
        }
        List<String> casts = types.stream().map(t -> "CAST(NULL AS " + t + ")").toList();
        try (Statement s = db.connection().createStatement()) {
            s.execute("SELECT " + String.join(", ", casts));
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String where(String column, Map<String, Integer> firstRow, boolean payload) {
        if (payload) {
            return "payload." + column;
        }
        return "rows[" + firstRow.getOrDefault(column, 0) + "]." + column;
    }
}
