package io.teatree.functions.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.teatree.functions.FunctionContext;
import io.teatree.functions.FunctionException;
import io.teatree.functions.InvalidFieldException;
import io.teatree.functions.table.Column;
import io.teatree.functions.table.Identifiers;
import io.teatree.functions.table.TableName;
import io.teatree.functions.table.TableSchema;
import io.teatree.protocol.ProblemType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code resample {source, target, timeColumn, every, aggregations:{out: "sum(x)"}, groupBy?}}: buckets the
 * source's rows by {@code time_bucket(every, timeColumn)} (and the groupBy columns) and writes one row per
 * bucket to the target, which is created or replaced. The bucket column keeps the time column's name.
 */
public final class ResampleFunction extends BuiltinFunction<ResampleFunction.Args> {

    private static final Pattern EVERY = Pattern.compile(
            "^\\d{1,6} (microsecond|millisecond|second|minute|hour|day|week|month|quarter|year)s?$");

    /**
     * @param every        an interval such as {@code 15 minutes}, {@code 1 day}, {@code 1 month}
     * @param aggregations the output columns, in order
     * @param groupBy      more columns to group by, kept in the target
     */
    public record Args(TableName source, TableName target, String timeColumn, String every,
                       List<Aggregation> aggregations, List<String> groupBy) {
    }

    public ResampleFunction() {
        super("resample", "source", "target", "timeColumn", "every", "aggregations", "groupBy");
    }

    @Override
    Args parse(JsonNode args) {
        TableName source = ArgReader.table(args, "source");
        TableName target = ArgReader.table(args, "target");
        String time = ArgReader.identifier(args, "timeColumn");
        String every = ArgReader.text(args, "every").trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (!EVERY.matcher(every).matches()) {
            throw new InvalidFieldException("every", "'every' must be an interval such as \"15 minutes\", \"1 hour\", \"1 day\" or \"1 month\"");
        }
        JsonNode given = args.get("aggregations");
        if (given == null || !given.isObject() || given.isEmpty()) {
            throw new InvalidFieldException("aggregations", "'aggregations' must be a non-empty object of output column: \"fn(column)\"");
        }
        List<Aggregation> aggregations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = given.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            aggregations.add(Aggregation.parse(e.getKey(), e.getValue(), "aggregations." + e.getKey()));
        }
        if (source.toString().equalsIgnoreCase(target.toString())) {
            throw new InvalidFieldException("target", "the target must not be the source");
        }
        return new Args(source, target, time, every, List.copyOf(aggregations), ArgReader.identifiers(args, "groupBy", false));
    }

    @Override
    public JsonNode apply(FunctionContext context, Args args) throws FunctionException {
        TableSchema source = TableSchema.require(context.connection(), args.source(), "source");
        Column time = source.requireColumn(args.timeColumn(), "timeColumn");
        String type = time.type().toUpperCase(Locale.ROOT);
        if (!(type.equals("DATE") || type.startsWith("TIMESTAMP"))) {
            throw new FunctionException(ProblemType.TYPE_MISMATCH, "timeColumn '" + time.name() + "' is " + time.type()
                    + ", not a DATE or TIMESTAMP", "timeColumn");
        }
        List<String> select = new ArrayList<>();
        select.add("time_bucket(INTERVAL '" + args.every() + "', " + Identifiers.quote(time.name()) + ") AS " + Identifiers.quote(time.name()));
        for (int i = 0; i < args.groupBy().size(); i++) {
            select.add(Identifiers.quote(source.requireColumn(args.groupBy().get(i), "groupBy[" + i + "]").name()));
        }
        for (Aggregation a : args.aggregations()) {
            if (!a.column().equals("*")) {
                source.requireColumn(a.column(), "aggregations." + a.output());
            }
            select.add(a.sql(time.name()) + " AS " + Identifiers.quote(a.output()));
        }
        int keys = 1 + args.groupBy().size();
        String groups = String.join(", ", java.util.stream.IntStream.rangeClosed(1, keys).mapToObj(String::valueOf).toList());
        ModelSql.update(context.connection(), "CREATE OR REPLACE TABLE " + args.target().sql() + " AS SELECT " + String.join(", ", select)
                + " FROM " + source.name().sql() + " GROUP BY " + groups + " ORDER BY " + groups, "aggregations");
        return Results.rows(ModelSql.count(context.connection(), args.target().sql(), "target"));
    }
}
