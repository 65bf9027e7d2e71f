package io.teatree.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints measurements as a table with the ratio against a baseline measured in the same run. */
final class BenchTable {

    private record Row(String what, double value, String unit, String baseline, double baselineValue) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String what, double value, String unit, String baseline, double baselineValue) {
        rows.add(new Row(what, value, unit, baseline, baselineValue));
    }

    void print() {
        System.out.printf(Locale.ROOT, "%n%-52s %14s %-10s %-40s %14s %8s%n", "measurement", "value", "unit", "baseline (same run)", "baseline", "ratio");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-52s %,14.1f %-10s %-40s %,14.1f %8.3f%n",
                    r.what, r.value, r.unit, r.baseline, r.baselineValue, r.value / r.baselineValue);
        }
    }
}
