package com.gpuledger.faults;

import static com.gpuledger.support.ProviderStubs.detail;
import static com.gpuledger.support.ProviderStubs.listItem;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.provider.InstanceLister;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.ProviderStubs;
import com.gpuledger.support.TestDatabase;

/**
 * A value that one instance's detail cannot be taken with, whatever it is, costs that instance alone: it becomes the
 * instance's failure naming the field and the value, every other instance is captured and costed, the reports are
 * written, the night exits 2, and so does every night after it rather than 1. Run on H2 and on PostgreSQL.
 */
abstract class OneBadInstanceScenarios {

    static final String DATE = "2025-03-10";

    @TempDir
    Path home;
    ProviderStubs provider;
    LedgerProcess ledger;
    JdbcClient jdbc;

    abstract TestDatabase database(Path home);

    @BeforeEach
    void start() {
        provider = new ProviderStubs();
        TestDatabase database = database(home);
        jdbc = database.jdbc();
        ledger = new LedgerProcess(home).with(database.environment()).with("LEDGER_API_URL", provider.baseUrl())
                .with("LEDGER_API_TOKEN", ProviderStubs.TOKEN).with("LEDGER_FETCH_BACKOFF", "5ms")
                .with("LEDGER_FETCH_CONCURRENCY", "2");
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void anObjectWhereAValueIsExpected() {
        assertCostsOneInstance(good("bad").replace("\"running_time\":\"1.0000 hours\"", "\"running_time\":{\"hours\":1}"),
                "field 'running_time' has value '{...}': an object where a single value is expected");
    }

    @Test
    void hoursTimesPriceBeyondWhatAnAmountHolds() {
        assertCostsOneInstance(good("bad").replace("\"running_time\":\"1.0000 hours\"",
                        "\"running_time\":\"9999999999999999\",\"price_per_hour\":\"9999999999999999\""),
                "field 'price_per_hour' has value '9999999999999999': times running_time 9999999999999999");
    }

    @Test
    void aStartTimeLongBeforeTheYear2000() {
        assertCostsOneInstance(good("bad").replace("\"start_time\":\"EST 2025-03-10 00:00:00\"",
                        "\"start_time\":\"EST 2025-03-10 00:00:00\",\"started_at\":-99999999999999"),
                "field 'start_time' has value '-");
        assertThat(jdbc.sql("SELECT reason FROM fetch_failure").query(String.class).single())
                .contains("outside 2000-01-01T00:00:00Z .. now + 2 days");
    }

    @Test
    void aStartTimeYearsAhead() {
        assertCostsOneInstance(good("bad").replace("EST 2025-03-10 00:00:00", "EST 9999-12-31 00:00:00"),
                "field 'start_time' has value '9999-12-31T05:00:00Z': outside 2000-01-01T00:00:00Z .. now + 2 days");
    }

    @Test
    void aValueTheDatabaseRefuses() {
        // PostgreSQL cannot store a NUL in text; H2 can, and captures it
        String body = good("bad").replace("\"os\":\"Ubuntu Server 22.04 LTS\"", "\"os\":\"Ubuntu\\u0000Server\"");
        if (refusesNul()) {
            assertCostsOneInstance(body, "the database refused its snapshot");
        } else {
            serve(body);
            assertThat(ledger.execute("run", "--date=" + DATE).exitCode()).isZero();
            assertThat(jdbc.sql("SELECT os FROM instance_snapshot WHERE instance_id = 'bad'").query(String.class).single())
                    .isEqualTo("Ubuntu\u0000Server");
        }
    }

    /** Whether the database refuses a NUL character in text. */
    abstract boolean refusesNul();

    private void assertCostsOneInstance(String badBody, String reason) {
        // given
        serve(badBody);

        // when: two nights
        LedgerProcess.Result night = ledger.execute("run", "--date=" + DATE);
        LedgerProcess.Result again = ledger.execute("run", "--date=" + DATE);

        // then: each time the bad one is a failure with field and value, the other three are captured and costed
        for (LedgerProcess.Result result : List.of(night, again)) {
            assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        }
        List<Map<String, Object>> failures = jdbc.sql("SELECT instance_id, kind, reason FROM fetch_failure").query().listOfRows();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).containsEntry("instance_id", "bad").containsEntry("kind", "FAILED");
        assertThat((String) failures.get(0).get("reason")).startsWith("instance bad: ").contains(reason);
        assertThat(jdbc.sql("SELECT instance_id, basis, cost_usd FROM daily_instance_cost ORDER BY instance_id").query()
                .listOfRows()).extracting(row -> row.get("instance_id") + " " + row.get("basis") + " " + row.get("cost_usd"))
                .containsExactly("bad NOT_CAPTURED null", "g-1 NEW 1.50000000", "g-2 NEW 1.50000000", "g-3 NEW 1.50000000");
        assertThat(jdbc.sql("SELECT SUM(total_cost) FROM instance_snapshot").query(BigDecimal.class).single())
                .isEqualByComparingTo("4.5");
        assertThat(home.resolve("reports").resolve(DATE).resolve("instances-" + DATE + ".csv")).isRegularFile();
    }

    private void serve(String badBody) {
        provider.list(InstanceLister.ACTIVE, 100, listItem("\"bad\"", "1.5", "Running"), listItem("\"g-1\"", "1.5", "Running"),
                listItem("\"g-2\"", "1.5", "Running"), listItem("\"g-3\"", "1.5", "Running"));
        provider.list(InstanceLister.DELETED, 100);
        provider.creditHistory(new TreeMap<>());
        provider.detailOk("bad", badBody);
        for (String id : List.of("g-1", "g-2", "g-3")) {
            provider.detailOk(id, good(id));
        }
    }

    /** A detail in the seed's shape, one hour for $1.50. */
    private static String good(String id) {
        return detail("\"" + id + "\"", "CANADA", "RTX-A6000", 1, "Running", "EST 2025-03-10 00:00:00", "1.0000 hours", "$1.5000");
    }
}
