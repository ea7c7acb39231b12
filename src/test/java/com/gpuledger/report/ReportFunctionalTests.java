package com.gpuledger.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.TestDatabase;
import com.opencsv.CSVReader;

/** The nightly job's reports against the database they are made of, and the report command that rebuilds them. */
class ReportFunctionalTests {

    static final LocalDate D = LocalDate.parse("2026-03-10");

    @TempDir
    Path home;
    ProviderSimulator simulator;
    LedgerProcess ledger;
    JdbcClient jdbc;

    @BeforeEach
    void provider() {
        simulator = new ProviderSimulator(SimulatorSettings.defaults(5, 40, Instant.parse("2026-03-11T07:00:00Z")));
        simulator.start(0);
        ledger = new LedgerProcess(home).with("LEDGER_API_URL", simulator.baseUrl()).with("LEDGER_API_TOKEN", "demo");
        jdbc = TestDatabase.h2(home).jdbc();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void unwritableReportsFailTheRunButNotTheDataAndReportMendsThem() throws Exception {
        // given: the reports folder lies below a regular file, which fails even for root
        Path file = Files.writeString(home.resolve("not-a-folder"), "x");
        ledger.with("LEDGER_REPORTS_DIR", file.resolve("reports").toString());

        // when
        LedgerProcess.Result run = ledger.execute("run", "--date=" + D);

        // then: exit 1, the message says what to do, the database holds the night
        assertThat(run.exitCode()).isEqualTo(1);
        String message = jdbc.sql("SELECT message FROM ledger_run WHERE command = 'run'").query(String.class).single();
        assertThat(message).contains("reports not written").contains("not-a-folder").contains("report --date=D");
        int captured = jdbc.sql("SELECT COUNT(*) FROM instance_snapshot").query(Integer.class).single();
        assertThat(captured).isGreaterThan(30);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM daily_instance_cost").query(Integer.class).single()).isEqualTo(captured);

        // when: the folder is fixed and the reports rebuilt without the provider
        simulator.close();
        ledger.with("LEDGER_REPORTS_DIR", home.resolve("reports").toString());
        LedgerProcess.Result report = ledger.execute("report", "--date=" + D);

        // then
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(home.resolve("reports/" + D + "/manifest.json")).exists();
        assertThat(jdbc.sql("SELECT message FROM ledger_run WHERE command = 'report'").query(String.class).single())
                .isEqualTo("1 date written: " + D);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM instance_snapshot").query(Integer.class).single()).isEqualTo(captured);
    }

    @Test
    void filesAgreeWithTheDatabaseAndARebuildIsIdentical() throws Exception {
        // given: a completed night, and a host name that is a formula
        assertThat(ledger.execute("run", "--date=" + D).exitCode()).isZero();
        String id = jdbc.sql("SELECT MIN(instance_id) FROM daily_instance_cost WHERE cost_usd IS NOT NULL").query(String.class).single();
        jdbc.sql("UPDATE instance_snapshot SET host_name = '=HYPERLINK(\"http://evil\",\"x\")' WHERE instance_id = ?").param(id).update();
        assertThat(ledger.execute("report", "--date=" + D).exitCode()).isZero();
        Path folder = home.resolve("reports/" + D);
        byte[] instancesCsv = Files.readAllBytes(folder.resolve("instances-" + D + ".csv"));
        String manifest = Files.readString(folder.resolve("manifest.json"));

        // then: CSV sums equal the database's to the last stored decimal
        BigDecimal database = jdbc.sql("SELECT SUM(cost_usd) FROM daily_instance_cost WHERE report_date = ?").param(D)
                .query(BigDecimal.class).single();
        assertThat(sum(folder.resolve("instances-" + D + ".csv"), "cost_usd")).isEqualByComparingTo(database);
        assertThat(sum(folder.resolve("cost-by-region-" + D + ".csv"), "cost_usd")).isEqualByComparingTo(database);
        assertThat(sum(folder.resolve("cost-by-gpu-type-" + D + ".csv"), "cost_usd")).isEqualByComparingTo(database);
        assertThat(sum(folder.resolve("cost-by-region-gpu-type-" + D + ".csv"), "cost_usd")).isEqualByComparingTo(database);
        assertThat(sum(folder.resolve("focus-" + D + ".csv"), "BilledCost")).isEqualByComparingTo(database);
        assertThat(manifest).contains("\"cost_usd\" : \"" + database.stripTrailingZeros().setScale(Math.max(4, database.stripTrailingZeros().scale())).toPlainString() + "\"");

        // and: the injected host name is neutralised in the CSV and a string cell in the workbook
        assertThat(new String(instancesCsv)).contains("'=HYPERLINK(").doesNotContain(",=HYPERLINK(");
        try (XSSFWorkbook workbook = new XSSFWorkbook(folder.resolve("gpu-cost-" + D + ".xlsx").toFile())) {
            Sheet instances = workbook.getSheet("Instances");
            List<String> header = texts(instances.getRow(0));
            int costColumn = header.indexOf("cost_usd");
            int idColumn = header.indexOf("instance_id");
            int hostColumn = header.indexOf("host_name");
            int checked = 0;
            for (Row row : instances) {
                if (row.getRowNum() == 0 || row.getCell(idColumn) == null || row.getCell(idColumn).getCellType() != CellType.STRING) {
                    continue;
                }
                String rowId = row.getCell(idColumn).getStringCellValue();
                BigDecimal stored = jdbc.sql("SELECT cost_usd FROM daily_instance_cost WHERE report_date = ? AND instance_id = ?")
                        .param(D).param(rowId).query(BigDecimal.class).optional().orElse(null);
                Cell cost = row.getCell(costColumn);
                if (stored == null) {
                    assertThat(cost == null || cost.getCellType() == CellType.BLANK).as("unknown cost of %s is empty", rowId).isTrue();
                } else {
                    assertThat(cost.getCellType()).isEqualTo(CellType.NUMERIC);
                    assertThat(BigDecimal.valueOf(cost.getNumericCellValue()).setScale(4, RoundingMode.HALF_UP))
                            .isEqualByComparingTo(stored.setScale(4, RoundingMode.HALF_UP));
                }
                if (rowId.equals(id)) {
                    assertThat(row.getCell(hostColumn).getCellType()).isEqualTo(CellType.STRING);
                    assertThat(row.getCell(hostColumn).getStringCellValue()).startsWith("=HYPERLINK(");
                }
                checked++;
            }
            assertThat(checked).isEqualTo(jdbc.sql("SELECT COUNT(*) FROM daily_instance_cost WHERE report_date = ?").param(D)
                    .query(Integer.class).single());
        }

        // when: rebuilt from the database again
        assertThat(ledger.execute("report", "--from=" + D, "--to=" + D).exitCode()).isZero();

        // then: CSVs byte for byte, the manifest apart from generated_at
        assertThat(Files.readAllBytes(folder.resolve("instances-" + D + ".csv"))).isEqualTo(instancesCsv);
        assertThat(withoutGeneratedAt(Files.readString(folder.resolve("manifest.json")))).isEqualTo(withoutGeneratedAt(manifest));
    }

    @Test
    void anEmptyAccountStillWritesEveryFileWithZeroTotals() throws Exception {
        // given: an account without any instance
        simulator.close();
        simulator = new ProviderSimulator(SimulatorSettings.defaults(5, 0, Instant.parse("2026-03-11T07:00:00Z")));
        simulator.start(0);
        ledger.with("LEDGER_API_URL", simulator.baseUrl());

        // when
        assertThat(ledger.execute("run", "--date=" + D).exitCode()).isZero();

        // then
        Path folder = home.resolve("reports/" + D);
        for (String file : List.of("gpu-cost-" + D + ".xlsx", "cost-by-region-" + D + ".csv", "cost-by-gpu-type-" + D + ".csv",
                "cost-by-region-gpu-type-" + D + ".csv", "instances-" + D + ".csv", "findings-" + D + ".csv", "focus-" + D + ".csv",
                "manifest.json")) {
            assertThat(folder.resolve(file)).exists();
        }
        assertThat(Files.readAllLines(folder.resolve("instances-" + D + ".csv"))).hasSize(1).first().asString().startsWith("report_date,");
        assertThat(Files.readString(folder.resolve("manifest.json"))).contains("\"cost_usd\" : \"0.0000\"");
    }

    @Test
    void reportForADateWithoutACompletedRunIsAUsageError() {
        assertThat(ledger.execute("report", "--date=" + D).exitCode()).isEqualTo(64);
        assertThat(ledger.execute("report", "--month=2026-03").exitCode()).isEqualTo(64);
        assertThat(ledger.execute("report", "--month=March").exitCode()).isEqualTo(64);
        assertThat(ledger.execute("report").exitCode()).isEqualTo(64);
    }

    @Test
    void reportForAnEarlierDateWithoutARunDoesNotAdviseARunThatWouldBeRefused() {
        // given: D has a snapshot; D - 1 never ran
        assertThat(ledger.execute("run", "--date=" + D).exitCode()).isZero();

        // when
        LedgerProcess.Result report = ledger.execute("report", "--date=" + D.minusDays(1));

        // then: exit 64, saying why no run can mend it, never "run it first"
        assertThat(report.exitCode()).isEqualTo(64);
        assertThat(report.err()).contains("cannot be run any more").contains(D.toString()).doesNotContain("run it first");
        assertThat(ledger.execute("run", "--date=" + D.minusDays(1)).exitCode()).isEqualTo(64);
    }

    private static String withoutGeneratedAt(String manifest) {
        return manifest.replaceAll("\"generated_at\" : \"[^\"]*\"", "");
    }

    private static BigDecimal sum(Path csv, String column) throws IOException, com.opencsv.exceptions.CsvException {
        try (CSVReader reader = new CSVReader(new FileReader(csv.toFile()))) {
            List<String[]> rows = reader.readAll();
            int index = List.of(rows.get(0)).indexOf(column);
            BigDecimal total = BigDecimal.ZERO;
            for (String[] row : rows.subList(1, rows.size())) {
                if (!row[index].isEmpty()) {
                    total = total.add(new BigDecimal(row[index]));
                }
            }
            return total;
        }
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        for (Cell cell : row) {
            texts.add(cell.getStringCellValue());
        }
        return texts;
    }
}
