package com.gpuledger.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.ChildLedger;
import com.gpuledger.support.TestDatabase;

/**
 * The job killed with SIGKILL at seeded random moments, then the same date run again at once: every time exactly one
 * snapshot row per instance and the same amounts as an uninterrupted run. The simulated provider's clock stands still.
 * The moments that matter are each reached on purpose in {@link KillNineScenarios}; these trials cover the rest. A
 * small fleet keeps each trial to a few seconds: the moments spread over the whole run (start, discovery, fetch,
 * reconcile, reports), which is what a trial is about, not the fleet's size.
 */
class KillNineAtRandomIntegrationTests {

    static final Instant NIGHT_0 = Instant.parse("2026-03-10T06:00:00Z");
    static final Instant NIGHT_1 = Instant.parse("2026-03-11T06:00:00Z");
    static final int TRIALS = 10;

    @TempDir
    Path work;

    @Test
    void aRunKilledAtAnyMomentIsCompletedByRunningItAgain() throws Exception {
        try (ProviderSimulator simulator = new ProviderSimulator(
                SimulatorSettings.defaults(13, 60, NIGHT_0).withLatencyMs(10).withDeletedRetentionDays(2))) {
            simulator.start(0);
            Map<String, String> provider = Map.of("LEDGER_API_URL", simulator.baseUrl(), "LEDGER_API_TOKEN", "demo",
                    "LEDGER_FETCH_CONCURRENCY", "4");
            // given: a first night, copied into every trial, and the second night uninterrupted as the reference
            Path base = work.resolve("base");
            Files.createDirectories(base);
            assertThat(new ChildLedger(base).with(provider).run("run", "--date=2026-03-09")).isZero();
            simulator.setNow(NIGHT_1);
            Path reference = copy(base, work.resolve("reference"));
            assertThat(new ChildLedger(reference).with(provider).run("run", "--date=2026-03-10")).isZero();
            List<Map<String, Object>> expected = rows(reference);
            assertThat(expected).hasSizeGreaterThan(40);

            Random random = new Random(20261126);
            for (int trial = 0; trial < TRIALS; trial++) {
                Path home = copy(base, work.resolve("trial-" + trial));
                long delay = 800 + random.nextInt(2_500);
                System.out.printf("kill -9 trial %d: after %d ms%n", trial, delay);

                // when: killed part-way, then run again at once
                Process run = new ChildLedger(home).with(provider).start("run", "--date=2026-03-10");
                Thread.sleep(delay);
                run.destroyForcibly().waitFor();
                int exit = new ChildLedger(home).with(provider).run("run", "--date=2026-03-10");

                // then
                assertThat(exit).as("trial %d, killed after %d ms", trial, delay).isZero();
                assertThat(rows(home)).as("trial %d, killed after %d ms", trial, delay).isEqualTo(expected);
            }
        }
    }

    /** Per instance of the second night: its snapshot counters and its daily cost; a duplicate would show twice. */
    private static List<Map<String, Object>> rows(Path home) {
        return TestDatabase.h2(home).jdbc().sql("""
                SELECT s.instance_id, s.source, s.status, s.running_hours, s.total_cost, c.basis, c.hours, c.cost_usd
                FROM instance_snapshot s JOIN daily_instance_cost c ON c.report_date = s.report_date AND c.instance_id = s.instance_id
                WHERE s.report_date = '2026-03-10' ORDER BY s.instance_id""").query().listOfRows();
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else if (!path.getFileName().toString().endsWith(".lock.db")) {
                    Files.copy(path, target);
                }
            }
        }
        return to;
    }
}
