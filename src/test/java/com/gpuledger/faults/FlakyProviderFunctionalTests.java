package com.gpuledger.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.cli.JobHarness;
import com.gpuledger.run.RunOutcome;
import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.MutableClock;
import com.gpuledger.support.TestDatabase;

/** A provider answering 10% of requests with 500 and 5% with 429: every instance captured, every amount exact. */
class FlakyProviderFunctionalTests {

    static final Instant FIRST_NIGHT = Instant.parse("2026-03-10T06:00:00Z");
    static final SimulatorSettings FLEET = SimulatorSettings.defaults(21, 60, FIRST_NIGHT).withDeletedRetentionDays(2);

    @TempDir
    Path cleanHome;
    @TempDir
    Path flakyHome;

    @Test
    void retriesCaptureEveryInstanceAndTheAmountsEqualACleanRun() {
        // when: the same two nights against a clean and a flaky provider
        JdbcClient clean = twoNights(cleanHome, FLEET);
        JdbcClient flaky = twoNights(flakyHome, FLEET.withErrorRate(0.10).withThrottleRate(0.05));

        // then
        assertThat(flaky.sql("SELECT COUNT(*) FROM fetch_failure").query(Integer.class).single()).isZero();
        String snapshots = "SELECT report_date, instance_id, fetched_at, source, status, running_hours, total_cost, price_per_hour "
                + "FROM instance_snapshot ORDER BY report_date, instance_id";
        String costs = "SELECT report_date, instance_id, basis, hours, cost_usd, expected_cost_usd, period_start, period_end "
                + "FROM daily_instance_cost ORDER BY report_date, instance_id";
        List<Map<String, Object>> expected = clean.sql(snapshots).query().listOfRows();
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(flaky.sql(snapshots).query().listOfRows()).isEqualTo(expected);
        assertThat(flaky.sql(costs).query().listOfRows()).isEqualTo(clean.sql(costs).query().listOfRows());
    }

    private JdbcClient twoNights(Path home, SimulatorSettings settings) {
        MutableClock clock = new MutableClock(FIRST_NIGHT);
        try (ProviderSimulator simulator = new ProviderSimulator(settings)) {
            simulator.start(0);
            Map<String, String> environment = Map.of("LEDGER_HOME", home.toString(), "LEDGER_API_URL", simulator.baseUrl(),
                    "LEDGER_API_TOKEN", "demo", "LEDGER_FETCH_BACKOFF", "5ms", "LEDGER_FETCH_CONCURRENCY", "8");
            try (JobHarness harness = new JobHarness(environment, home, clock)) {
                for (int night = 0; night < 2; night++) {
                    Instant at = FIRST_NIGHT.plus(Duration.ofDays(night));
                    clock.set(at);
                    simulator.setNow(at);
                    RunOutcome outcome = harness.run(LocalDate.parse("2026-03-09").plusDays(night));
                    assertThat(outcome.exitCode().code()).as(outcome.message()).isZero();
                }
            }
        }
        return TestDatabase.h2(home).jdbc();
    }
}
