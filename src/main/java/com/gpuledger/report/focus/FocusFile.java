package com.gpuledger.report.focus;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import com.gpuledger.report.CsvTable;
import com.gpuledger.report.DailyReport;
import com.gpuledger.report.InstanceCostRow;
import com.gpuledger.report.RowSource;

/**
 * Writes {@code focus-D.csv}: one {@code Usage} row per instance with a known cost and billing period it touches, in
 * instance order, streamed in one pass over the day's instances. The BilledCost of the rows sums to the day's known cost
 * exactly.
 */
public final class FocusFile {

    private FocusFile() {
    }

    /** @return the data rows written */
    public static long write(OutputStream out, DailyReport report) throws IOException {
        List<FocusColumn> columns = FocusColumns.of(report, report.focus().version(), SkuPrices.of(report.focus().prices()));
        BillingPeriods periods = new BillingPeriods(report.businessTimeZone());
        RowSource<InstanceCostRow> instances = report.instances();
        RowSource<FocusCharge> charges = action -> instances.forEach(row -> {
            if (row.costUsd() != null) {
                periods.charges(row).forEach(action);
            }
        });
        return CsvTable.write(out, columns.stream().map(FocusColumn::name).toList(), charges, charge -> {
            String[] line = new String[columns.size()];
            for (int i = 0; i < line.length; i++) {
                line[i] = columns.get(i).value().apply(charge);
            }
            return line;
        });
    }
}
