package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.table.Identifiers;
import io.teatree.functions.table.SqlErrors;
import io.teatree.functions.table.TableName;
import io.teatree.functions.table.TableSchema;
import io.teatree.protocol.ProblemType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code allocate {source, target, total, basisFrom, basisTo, timeColumn, dimensions, measure, totalColumn?, decimals?}}:
 * spreads a goal total across the combinations of {@code dimensions} (e.g. site and product) in proportion to
 * each combination's share of {@code measure} in the basis period {@code [basisFrom, basisTo)}. The shares and
 * the rounding are computed with Tablesaw ({@link Allocation}); the target table (created or replaced) holds
 * the dimensions, {@code basis}, {@code share} and the allocated amount, which adds up to the total exactly.
 */
public final class AllocateFunction extends BuiltinFunction<AllocateFunction.Args> {

    /**
     * @param total       the goal to allocate
     * @param totalColumn the name of the allocated column (default {@code allocated})
     * @param decimals    decimal places of the allocated amounts, 0 to 6 (default 2)
     */
    public record Args(TableName source, TableName target, BigDecimal total, LocalDate basisFrom, LocalDate basisTo,
                       String timeColumn, List<String> dimensions, String measure, String totalColumn, int decimals) {
    }

    public AllocateFunction() {
        super("allocate", "source", "target", "total", "basisFrom", "basisTo", "timeColumn", "dimensions", "measure", "totalColumn", "decimals");
    }

    @Override
    Args parse(JsonNode args) {
        JsonNode total = args.get("total");
        if (total == null || !total.isNumber()) {
            throw new InvalidFieldException("total", "'total' must be a number");
        }
        LocalDate from = date(args, "basisFrom");
        LocalDate to = date(args, "basisTo");
        if (!from.isBefore(to)) {
            throw new InvalidFieldException("basisTo", "'basisTo' must be after 'basisFrom' (the period is [basisFrom, basisTo))");
        }
        int decimals = args.path("decimals").asInt(2);
        if (args.has("decimals") && (!args.get("decimals").isInt() || decimals < 0 || decimals > 6)) {
            throw new InvalidFieldException("decimals", "'decimals' must be an integer from 0 to 6");
        }
        String totalColumn = ArgReader.has(args, "totalColumn") ? ArgReader.identifier(args, "totalColumn") : "allocated";
        List<String> dimensions = ArgReader.identifiers(args, "dimensions", true);
        List<String> outputs = new ArrayList<>(List.of("basis", "share", totalColumn.toLowerCase(java.util.Locale.ROOT)));
        for (int i = 0; i < dimensions.size(); i++) {
            if (outputs.contains(dimensions.get(i).toLowerCase(java.util.Locale.ROOT))) {
                throw new InvalidFieldException("dimensions[" + i + "]", "a dimension cannot be called basis, share or " + totalColumn);
            }
        }
        if (totalColumn.equalsIgnoreCase("basis") || totalColumn.equalsIgnoreCase("share")) {
            throw new InvalidFieldException("totalColumn", "'totalColumn' cannot be basis or share");
        }
        return new Args(ArgReader.table(args, "source"), ArgReader.table(args, "target"), total.decimalValue(), from, to,
                ArgReader.identifier(args, "timeColumn"), dimensions, ArgReader.identifier(args, "measure"), totalColumn, decimals);
    }

    @Override
    public JsonNode apply(FunctionContext context, Args args) throws FunctionException {
        TableSchema source = TableSchema.require(context.connection(), args.source(), "source");
        Table basis = readBasis(context, source, args);
        if (basis.rowCount() == 0 || basis.doubleColumn("measure").sum() == 0) {
            throw new FunctionException(ProblemType.NO_BASIS, "table '" + source.name() + "' has no basis (no rows, or a zero sum) in the period ["
                    + args.basisFrom() + ", " + args.basisTo() + ")", "basisFrom");
        }
        Table allocation = Allocation.allocate(basis, args.dimensions(), "measure", args.total(), args.decimals(), args.totalColumn());
        long rows = AllocationWriter.write(context, allocation, args.target(), args.dimensions(), args.totalColumn(), args.decimals());
        return Results.rows(rows).put("total", args.total());
    }

    private static Table readBasis(FunctionContext context, TableSchema source, Args args) throws FunctionException {
        List<String> select = new ArrayList<>();
        for (int i = 0; i < args.dimensions().size(); i++) {
            select.add("CAST(" + Identifiers.quote(source.requireColumn(args.dimensions().get(i), "dimensions[" + i + "]").name()) + " AS VARCHAR)");
        }
        String measure = Identifiers.quote(source.requireColumn(args.measure(), "measure").name());
        String time = Identifiers.quote(source.requireColumn(args.timeColumn(), "timeColumn").name());
        String sql = "SELECT " + String.join(", ", select) + ", CAST(" + measure + " AS DOUBLE) FROM " + source.name().sql()
                + " WHERE " + time + " >= CAST(? AS DATE) AND " + time + " < CAST(? AS DATE) AND " + measure + " IS NOT NULL";
        List<StringColumn> dims = args.dimensions().stream().map(StringColumn::create).toList();
        DoubleColumn values = DoubleColumn.create("measure");
        try (PreparedStatement ps = context.connection().prepareStatement(sql)) {
            ps.setString(1, args.basisFrom().toString());
            ps.setString(2, args.basisTo().toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 0; i < dims.size(); i++) {
                        String v = rs.getString(i + 1);
                        dims.get(i).append(v == null ? "" : v);
                    }
                    values.append(rs.getDouble(dims.size() + 1));
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.toFunctionException(e, "source");
        }
        Table table = Table.create("basis");
        dims.forEach(table::addColumns);
        return table.addColumns(values);
    }

    private static LocalDate date(JsonNode args, String name) {
        String text = ArgReader.text(args, name);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(name, "'" + name + "' must be a date like 2024-01-31");
        }
    }
}
