package com.gpuledger.report.focus;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.gpuledger.report.DailyReport;
import com.gpuledger.report.InstanceCostRow;

/** A FOCUS file written by the real writer from rows that touch every column, to validate and to plant violations in. */
final class FocusFixtures {

    static final ZoneId ZONE = ZoneId.of("America/New_York");
    /** The last report date of November: its period runs into December's first two hours (New York midnight is 05:00Z). */
    static final LocalDate DATE = LocalDate.of(2026, 11, 30);
    static final Instant START = Instant.parse("2026-11-30T07:00:00Z");
    static final Instant END = Instant.parse("2026-12-01T07:00:00Z");

    private FocusFixtures() {
    }

    static InstanceCostRow row(String id, String region, String gpuType, int gpus, Integer cores, String hours, String cost,
            String price) {
        return row(id, region, gpuType, gpus, cores, hours, cost, price, START, END);
    }

    static InstanceCostRow row(String id, String region, String gpuType, int gpus, Integer cores, String hours, String cost,
            String price, Instant start, Instant end) {
        return new InstanceCostRow(DATE, id, "host-" + id, region, gpus > 0 ? "GPU" : "CPU", gpuType, gpus, "Running",
                Instant.parse("2026-11-01T13:14:15Z"), start, end, new BigDecimal("100"), new BigDecimal("2400"), "DELTA",
                hours == null ? null : new BigDecimal(hours), cost == null ? null : new BigDecimal(cost),
                price == null ? null : new BigDecimal(price), null, null, cores);
    }

    static List<InstanceCostRow> rows() {
        return List.of(
                row("i-1", "US-EAST", "H100-80G-SXM", 8, 192, "24.00000000", "575.04000000", "23.96000000"),
                row("i-2", "US-EAST", "H100-80G-SXM", 8, 192, "10.00000000", "239.60000000", "23.96000000",
                        START.plusSeconds(3600), Instant.parse("2026-11-30T12:00:00Z")),
                row("i-3", "FINLAND", "CPU", 0, 8, "24.00000000", "2.40000000", "0.10000000"));
    }

    static DailyReport day(List<InstanceCostRow> rows, FocusVersion version) {
        List<PriceSighting> sightings = Sightings.of(rows);
        return new DailyReport(DATE, ZONE, START, END, 1L, "test", "266", "Finance", BigDecimal.ZERO, 0, BigDecimal.ZERO,
                BigDecimal.ZERO, "test", Map.of(), Map.of(), null, List.of(), List.of(), List.of(), rows::forEach, List.of(),
                List.of(), new FocusInputs(version, sightings));
    }

    static Path write(Path folder, DailyReport report) throws IOException {
        Path file = folder.resolve("focus-" + report.reportDate() + ".csv");
        // the fixtures' few rows, collected so the writer's IOException needs no wrapping
        List<InstanceCostRow> rows = new ArrayList<>();
        report.instances().forEach(rows::add);
        try (OutputStream out = Files.newOutputStream(file)) {
            FocusFile focus = FocusFile.open(out, report);
            for (InstanceCostRow row : rows) {
                focus.add(row);
            }
            focus.finish();
        }
        return file;
    }
}
