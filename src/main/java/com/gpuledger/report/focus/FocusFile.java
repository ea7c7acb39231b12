package com.gpuledger.report.focus;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import com.gpuledger.report.CsvTable;
import com.gpuledger.report.DailyReport;
import com.gpuledger.report.InstanceCostRow;
import com.gpuledger.report.RowWriter;

/**
 * Writes {@code focus-D.csv}: one {@code Usage} row per instance with a known cost and billing period it touches, in
 * instance order, as the day's instances are handed over (one pass). The BilledCost of the rows sums to the day's known
 * cost exactly.
 */
public final class FocusFile implements RowWriter<InstanceCostRow> {

    private final BillingPeriods periods;
    private final CsvTable<FocusCharge> csv;

    private FocusFile(BillingPeriods periods, CsvTable<FocusCharge> csv) {
        this.periods = periods;
        this.csv = csv;
    }

    /** Writes the header; the instances follow with {@link #add}. */
    public static FocusFile open(OutputStream out, DailyReport report) throws IOException {
        List<FocusColumn> columns = FocusColumns.of(report, report.focus().version(), SkuPrices.of(report.focus().prices()));
        return new FocusFile(new BillingPeriods(report.businessTimeZone()), new CsvTable<>(out,
                columns.stream().map(FocusColumn::name).toList(), charge -> {
                    String[] line = new String[columns.size()];
                    for (int i = 0; i < line.length; i++) {
                        line[i] = columns.get(i).value().apply(charge);
                    }
                    return line;
                }));
    }

    @Override
    public void add(InstanceCostRow row) throws IOException {
        if (row.costUsd() == null) {
            return;
        }
        for (FocusCharge charge : periods.charges(row)) {
            csv.add(charge);
        }
    }

    /** @return the data rows written */
    @Override
    public long finish() throws IOException {
        return csv.finish();
    }
}
