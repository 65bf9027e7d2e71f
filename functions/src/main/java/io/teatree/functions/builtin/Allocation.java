package io.teatree.functions.builtin;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Proportional allocation with Tablesaw: sums the measure per combination of dimensions, takes each
 * combination's share of the whole, and splits the total by those shares. Amounts are rounded down to the
 * given decimals and the units left over go to the largest remainders (ties to the first combination in
 * dimension order), so the amounts add up to the total exactly. Pure; thread-safe.
 */
final class Allocation {

    private Allocation() {
    }

    /**
     * @return one row per combination, sorted by the dimensions: the dimensions, {@code basis}, {@code share}
     *         and {@code amountColumn} (as text, exact)
     */
    static Table allocate(Table basis, List<String> dimensions, String measure, BigDecimal total, int decimals, String amountColumn) {
        Table summed = basis.summarize(measure, AggregateFunctions.sum).by(dimensions.toArray(String[]::new))
                .sortAscendingOn(dimensions.toArray(String[]::new));
        DoubleColumn sums = summed.doubleColumn(summed.columnCount() - 1).copy().setName("basis");
        double whole = sums.sum();
        if (whole == 0) {
            throw new IllegalArgumentException("the basis sums to zero");
        }
        DoubleColumn shares = sums.divide(whole).setName("share");
        List<BigDecimal> amounts = split(sums, total, decimals);
        StringColumn amountText = StringColumn.create(amountColumn, amounts.stream().map(BigDecimal::toPlainString));
        Table result = Table.create("allocation");
        for (String d : dimensions) {
            result.addColumns(summed.stringColumn(d).copy());
        }
        return result.addColumns(sums, shares, amountText);
    }

    private static List<BigDecimal> split(DoubleColumn sums, BigDecimal total, int decimals) {
        BigDecimal whole = BigDecimal.ZERO;
        for (double v : sums.asDoubleArray()) {
            whole = whole.add(BigDecimal.valueOf(v));
        }
        BigDecimal unit = BigDecimal.ONE.movePointLeft(decimals);
        BigDecimal target = total.setScale(decimals, RoundingMode.HALF_EVEN);
        List<BigDecimal> floors = new ArrayList<>();
        List<BigDecimal> remainders = new ArrayList<>();
        BigDecimal assigned = BigDecimal.ZERO;
        for (double v : sums.asDoubleArray()) {
            BigDecimal exact = target.multiply(BigDecimal.valueOf(v)).divide(whole, MathContext.DECIMAL128);
            BigDecimal floor = exact.setScale(decimals, RoundingMode.FLOOR);
            floors.add(floor);
            remainders.add(exact.subtract(floor));
            assigned = assigned.add(floor);
        }
        int left = target.subtract(assigned).divide(unit, MathContext.DECIMAL128).intValue();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < floors.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> remainders.get(i)).reversed().thenComparing(i -> i));
        for (int k = 0; k < left; k++) {
            int i = order.get(k % order.size());
            floors.set(i, floors.get(i).add(unit));
        }
        return floors;
    }
}
