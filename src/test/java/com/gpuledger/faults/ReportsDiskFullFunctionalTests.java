package com.gpuledger.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.gpuledger.cli.JobHarness;
import com.gpuledger.report.ReportStorage;
import com.gpuledger.run.ReportRun;
import com.gpuledger.run.RunOutcome;
import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.MutableClock;
import com.gpuledger.support.TestDatabase;

/** "No space left on device" while the night's reports are written: exit 1, the data and the previous set intact. */
class ReportsDiskFullFunctionalTests {

    static final Instant NIGHT_0 = Instant.parse("2026-03-10T06:00:00Z");
    static final LocalDate DATE_0 = LocalDate.parse("2026-03-09");

    @TempDir
    Path home;

    @Test
    void aFullDiskFailsTheRunButLosesNothingAndReportMendsIt() throws Exception {
        AtomicBoolean diskFull = new AtomicBoolean();
        ReportStorage local = ReportStorage.local();
        ReportStorage failing = new ReportStorage() {
            @Override
            public OutputStream create(Path file) throws IOException {
                OutputStream out = local.create(file);
                if (!diskFull.get() || !file.getFileName().toString().startsWith("instances-")) {
                    return out;
                }
                return new FilterOutputStream(out) {
                    private long written;

                    @Override
                    public void write(int b) throws IOException {
                        if (++written > 2_000) {
                            throw new IOException("No space left on device");
                        }
                        super.write(b);
                    }
                };
            }

            @Override
            public void rename(Path source, Path target) throws IOException {
                local.rename(source, target);
            }

            @Override
            public void syncDirectory(Path directory) throws IOException {
                local.syncDirectory(directory);
            }
        };
        MutableClock clock = new MutableClock(NIGHT_0);
        try (ProviderSimulator simulator = new ProviderSimulator(SimulatorSettings.defaults(4, 40, NIGHT_0).withDeletedRetentionDays(2))) {
            simulator.start(0);
            Map<String, String> environment = Map.of("LEDGER_HOME", home.toString(), "LEDGER_API_URL", simulator.baseUrl(),
                    "LEDGER_API_TOKEN", "demo");
            try (JobHarness harness = new JobHarness(environment, home, clock, Map.of("reportStorage", failing))) {
                // given: a night whose reports were written
                assertThat(harness.run(DATE_0).exitCode().code()).isZero();
                Path reports = home.resolve("reports");
                Path previous = reports.resolve(DATE_0.toString());
                String previousManifest = Files.readString(previous.resolve("manifest.json"));

                // when: the disk fills up while the next night's instances file is written
                diskFull.set(true);
                Instant next = NIGHT_0.plus(Duration.ofDays(1));
                clock.set(next);
                simulator.setNow(next);
                RunOutcome outcome = harness.run(DATE_0.plusDays(1));

                // then: exit 1 with the reason, the night's data is in the database, no half set anywhere
                assertThat(outcome.exitCode().code()).isEqualTo(1);
                assertThat(outcome.message()).contains("No space left on device").contains("report --date=D");
                assertThat(TestDatabase.h2(home).jdbc().sql("SELECT COUNT(*) FROM daily_instance_cost WHERE report_date = ?")
                        .param(DATE_0.plusDays(1)).query(Integer.class).single()).isGreaterThan(30);
                assertThat(reports.resolve(DATE_0.plusDays(1).toString())).doesNotExist();
                try (var entries = Files.list(reports)) {
                    assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(DATE_0.toString());
                }
                assertThat(Files.readString(previous.resolve("manifest.json"))).isEqualTo(previousManifest);

                // when: space is back, the reports are rebuilt from the database alone
                diskFull.set(false);
                simulator.close();
                RunOutcome mended = harness.bean(ReportRun.class).days(DATE_0.plusDays(1), DATE_0.plusDays(1));

                // then
                assertThat(mended.exitCode().code()).isZero();
                assertThat(reports.resolve(DATE_0.plusDays(1) + "/manifest.json")).exists();
            }
        }
    }
}
