package com.gpuledger.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import com.gpuledger.report.focus.FocusInputs;
import com.gpuledger.report.focus.FocusVersion;
import com.gpuledger.report.focus.Sightings;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;

/** Report inputs with every awkward value the files must carry, and helpers to read the files back. */
final class ReportFixtures {

    static final LocalDate DATE = LocalDate.of(2026, 11, 24);
    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static final Instant PERIOD_START = Instant.parse("2026-11-24T05:00:00Z");
    static final Instant PERIOD_END = Instant.parse("2026-11-25T05:00:00Z");

    static final String HYPERLINK = "=HYPERLINK(\"x\")";

    private ReportFixtures() {
    }

    static BigDecimal usd(String value) {
        return new BigDecimal(value);
    }

    /** Six instances: captured ones (one with a price unknown), formula-looking text, a baseline, a not-captured one. */
    static List<InstanceCostRow> instances() {
        return List.of(
                instance("i-1", "gpu-node-1", "US-EAST", "H100-80G-SXM", 8, "Running", "DELTA",
                        "24.0000", "575.04000000", "23.96000000", null),
                instance("i-2", HYPERLINK, "+1", "@SUM(A1)", 1, "\tfoo", "DELTA",
                        "1.5", "0.12345678", "0.08230453", "Bare Metal"),
                instance("i-3", "gpu-node-3", "US-EAST", "H100-80G-SXM", 8, "Running", "BASELINE",
                        null, null, "23.96000000", null),
                instance("i-4", "gpu-node-4", "EU-NORTH", "A100-40G", 4, "Running", "NOT_CAPTURED",
                        null, null, "7.2", null),
                instance("i-5", "node \"five\", eu", "EU-NORTH", "A100-40G", 4, "Stopped", "MULTI_DAY",
                        "48", "1E+3", null, null),
                instance("i-6", "-cpu-box", "EU-NORTH", "CPU", 0, "\rbar", "NEW",
                        "0.0001", "0.00000001", "0.0001", null));
    }

    private static InstanceCostRow instance(String id, String host, String region, String gpuType, int gpus, String status,
            String basis, String hours, String cost, String price, String resourceType) {
        return new InstanceCostRow(DATE, id, host, region, "-2 " + gpuType, gpuType, gpus, status,
                Instant.parse("2026-11-01T13:14:15Z"), PERIOD_START, PERIOD_END, usd("100.12500000"), usd("2400.5"), basis,
                hours == null ? null : usd(hours), cost == null ? null : usd(cost), price == null ? null : usd(price),
                cost == null ? null : usd(cost), resourceType, "CPU".equals(gpuType) ? 2 : 24);
    }

    static List<FindingRow> findings() {
        return List.of(
                new FindingRow(DATE, "INSTANCE", "i-1", "COST_MISMATCH", "WARN", usd("2.5"), usd("1.25"), usd("-1.2500"),
                        "=cmd|' /C calc'!A0"),
                new FindingRow(DATE, "ACCOUNT", null, "ACCOUNT_GAP", "INFO", null, null, null, "plain, with a comma"));
    }

    static List<GroupedCostRow> byRegion() {
        return List.of(
                new GroupedCostRow(DATE, "US-EAST", null, 2, 1, 16, usd("24.0000"), usd("575.04"), usd("12000.5"), usd("17250.1234")),
                new GroupedCostRow(DATE, "+1", null, 1, 0, 1, usd("1.5"), usd("0.12345678"), usd("3.25"), usd("4.1000")),
                new GroupedCostRow(DATE, "EU-NORTH", null, 3, 1, 8, usd("48.0001"), usd("1000.00000001"), usd("2000"), usd("30000.0000")),
                new GroupedCostRow(DATE, "AP-SOUTH", null, 1, 1, 2, usd("0"), null, usd("10.00000000"), null));
    }

    static List<GroupedCostRow> byGpuType() {
        return List.of(
                new GroupedCostRow(DATE, null, "H100-80G-SXM", 2, 1, 16, usd("24.0000"), usd("575.04"), usd("12000.5"), usd("17250.1234")),
                new GroupedCostRow(DATE, null, "@SUM(A1)", 1, 0, 1, usd("1.5"), usd("0.12345678"), usd("3.25"), usd("4.1000")),
                new GroupedCostRow(DATE, null, "A100-40G", 2, 1, 8, usd("48"), usd("1000"), usd("2000"), usd("30000")),
                new GroupedCostRow(DATE, null, "CPU", 1, 0, 0, usd("0.0001"), usd("0.00000001"), usd("0.0000001"), usd("0.0001")));
    }

    static List<GroupedCostRow> byRegionGpuType() {
        return List.of(
                new GroupedCostRow(DATE, "US-EAST", "H100-80G-SXM", 2, 1, 16, usd("24.0000"), usd("575.04"), usd("12000.5"), usd("17250.1234")),
                new GroupedCostRow(DATE, "+1", "@SUM(A1)", 1, 0, 1, usd("1.5"), usd("0.12345678"), usd("3.25"), usd("4.1000")),
                new GroupedCostRow(DATE, "EU-NORTH", "A100-40G", 2, 1, 8, usd("48"), usd("1000"), usd("2000"), usd("30000")),
                new GroupedCostRow(DATE, "EU-NORTH", "CPU", 1, 0, 0, usd("0.0001"), usd("0.00000001"), usd("0.0000001"), usd("0.0001")),
                new GroupedCostRow(DATE, "AP-SOUTH", "A100-40G", 1, 1, 2, usd("0"), null, usd("10"), null));
    }

    static List<DailyTotal> lastDays() {
        List<DailyTotal> days = new ArrayList<>();
        for (int i = 29; i >= 0; i--) {
            LocalDate day = DATE.minusDays(i);
            days.add(new DailyTotal(day, i == 3 ? null : usd("1500.25").add(BigDecimal.valueOf(i)), i == 3 ? 7 : 0, 7));
        }
        return days;
    }

    static AccountCheck account() {
        return new AccountCheck(PERIOD_START, PERIOD_END, usd("1575.16345679"), usd("1575.2"), usd("-0.03654321"),
                usd("15.7516"), "OK", "within bound");
    }

    static DailyReport daily() {
        return daily(instances(), FocusVersion.V1_2);
    }

    static DailyReport daily(List<InstanceCostRow> instances, FocusVersion version) {
        return daily(instances::forEach, new FocusInputs(version, Sightings.of(instances)));
    }

    /** A day of streamed rows: no price sightings, so each row's list price is its own. */
    static DailyReport daily(RowSource<InstanceCostRow> instances) {
        return daily(instances, new FocusInputs(FocusVersion.V1_2, List.of()));
    }

    static DailyReport daily(RowSource<InstanceCostRow> instances, FocusInputs focus) {
        Map<String, Integer> bases = new LinkedHashMap<>();
        bases.put("DELTA", 2);
        bases.put("MULTI_DAY", 1);
        bases.put("NEW", 1);
        bases.put("BASELINE", 1);
        bases.put("NOT_CAPTURED", 1);
        return new DailyReport(DATE, ZONE, PERIOD_START, PERIOD_END, 42L, "0.1.0-test", "acct-7", "=Finance \"Team\"",
                usd("1575.16345679"), 2, usd("14013.75"), usd("47250.1235"), "LINEAR_RUN_RATE",
                bases, Map.of("WARN", 1, "INFO", 1), account(),
                byRegion(), byGpuType(), byRegionGpuType(), instances, findings(), lastDays(), focus);
    }

    static DailyReport emptyDay() {
        return new DailyReport(DATE, ZONE, PERIOD_START, PERIOD_END, 43L, "0.1.0-test", "acct-7", "",
                BigDecimal.ZERO, 0, BigDecimal.ZERO, BigDecimal.ZERO, "LINEAR_RUN_RATE", Map.of(), Map.of(), null,
                List.of(), List.of(), List.of(), action -> { }, List.of(), List.of(), new FocusInputs(FocusVersion.V1_2, List.of()));
    }

    static MonthReport month() {
        YearMonth month = YearMonth.of(2026, 11);
        List<GroupedCostRow> days = new ArrayList<>();
        List<DailyTotal> totals = new ArrayList<>();
        Map<LocalDate, AccountCheck> accounts = new LinkedHashMap<>();
        for (int d = 1; d <= 5; d++) {
            if (d == 3) {
                continue; // a day without a report
            }
            LocalDate day = month.atDay(d);
            days.add(new GroupedCostRow(day, "US-EAST", "H100-80G-SXM", 2, 0, 16, usd("48"), usd("1150.08"), null, null));
            days.add(new GroupedCostRow(day, "EU-NORTH", "A100-40G", 1, 1, 4, usd("0"), null, null, null));
            totals.add(new DailyTotal(day, usd("1150.08"), 1, 3));
            if (d != 5) {
                accounts.put(day, new AccountCheck(day.atStartOfDay(ZONE).toInstant(), day.plusDays(1).atStartOfDay(ZONE).toInstant(),
                        usd("1150.08"), usd("1150.1"), usd("-0.02"), usd("11.5008"), d == 4 ? "WARN" : "OK", "=odd reason"));
            }
        }
        return new MonthReport(month, ZONE, "0.1.0-test", days,
                List.of(new GroupedCostRow(null, "US-EAST", null, 2, 0, 16, usd("192"), usd("4600.32"), null, null),
                        new GroupedCostRow(null, "EU-NORTH", null, 1, 4, 4, usd("0"), null, null, null)),
                List.of(new GroupedCostRow(null, null, "H100-80G-SXM", 2, 0, 16, usd("192"), usd("4600.32"), null, null),
                        new GroupedCostRow(null, null, "A100-40G", 1, 4, 4, usd("0"), null, null, null)),
                totals, accounts);
    }

    static List<String[]> readCsv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVReader csv = new CSVReaderBuilder(reader).withCSVParser(new RFC4180ParserBuilder().build()).build()) {
            return csv.readAll();
        } catch (CsvException e) {
            throw new IOException(e);
        }
    }

    /** The CSV as maps of header to value, one per data row. */
    static List<Map<String, String>> readCsvRows(Path file) throws IOException {
        List<String[]> lines = readCsv(file);
        String[] header = lines.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String[] line : lines.subList(1, lines.size())) {
            assertThat(line).as("fields of a row of %s", file.getFileName()).hasSameSizeAs(header);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], line[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    static XSSFWorkbook readWorkbook(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    /** A stored amount as the workbook must show it: at 4 decimals. */
    static BigDecimal at4(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_UP);
    }

    static BigDecimal at4(double cell) {
        return at4(BigDecimal.valueOf(cell));
    }
}
