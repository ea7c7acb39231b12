package com.gpuledger.report.focus;

import static com.gpuledger.support.ProviderStubs.detail;
import static com.gpuledger.support.ProviderStubs.listItem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
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

/** FOCUS's BillingAccountId is never null: configured, else the charge history's, else a stand-in the night reports. */
class BillingAccountFunctionalTests {

    static final String DATE = "2025-03-10";

    @TempDir
    Path home;
    ProviderStubs provider;
    LedgerProcess ledger;
    JdbcClient jdbc;

    @BeforeEach
    void start() {
        provider = new ProviderStubs();
        provider.list(InstanceLister.ACTIVE, 100, listItem("\"n-1\"", "0.679", "Running"));
        provider.list(InstanceLister.DELETED, 100);
        // started on the date, so its whole total is the date's
        provider.detailOk("n-1", detail("\"n-1\"", "CANADA", "RTX-A6000", 1, "Running", "EST 2025-03-10 10:00:00",
                "2.0000 hours", "$1.3580"));
        ledger = new LedgerProcess(home).with("LEDGER_API_URL", provider.baseUrl()).with("LEDGER_API_TOKEN", ProviderStubs.TOKEN);
        jdbc = TestDatabase.h2(home).jdbc();
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void withNoAccountIdAnywhereTheRowsCarryTheDocumentedStandInAndTheNightSaysSo() throws IOException {
        // given: a charge history that names no account
        provider.creditHistory(new TreeMap<>());

        // when
        LedgerProcess.Result result = ledger.execute("run", "--date=" + DATE);

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        String standIn = "unidentified@" + URI.create(provider.baseUrl()).getHost();
        assertThat(focus().rows()).allSatisfy(row -> assertThat(row).containsEntry("BillingAccountId", standIn)
                .containsEntry("BillingAccountName", null));
        // the run is today, so the instance's period runs from its start in March 2025 to now: one row per month, summing exactly
        assertThat(focus().rows().stream().map(row -> new BigDecimal(row.get("BilledCost"))).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("1.3580");
        assertThat(jdbc.sql("SELECT severity || ' ' || detail FROM reconciliation_finding WHERE kind = 'ACCOUNT_ID_UNKNOWN'")
                .query(String.class).single()).startsWith("WARN ").contains(standIn).contains("LEDGER_ACCOUNT_ID");
    }

    @Test
    void theChargeHistorysUserIdIsTheAccountAndNothingIsReported() throws IOException {
        TreeMap<Instant, BigDecimal> hours = new TreeMap<>();
        hours.put(Instant.parse("2025-03-10T15:00:00Z"), new BigDecimal("0.6790"));
        provider.creditHistory(hours);

        assertThat(ledger.execute("run", "--date=" + DATE).exitCode()).isZero();

        assertThat(focus().rows()).isNotEmpty().allSatisfy(row -> assertThat(row).containsEntry("BillingAccountId", "266"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reconciliation_finding WHERE kind = 'ACCOUNT_ID_UNKNOWN'").query(Integer.class)
                .single()).isZero();
    }

    @Test
    void aConfiguredAccountWins() throws IOException {
        provider.creditHistory(new TreeMap<>());

        assertThat(ledger.with("LEDGER_ACCOUNT_ID", "acct-9").with("LEDGER_ACCOUNT_NAME", "Research")
                .execute("run", "--date=" + DATE).exitCode()).isZero();

        assertThat(focus().rows()).isNotEmpty().allSatisfy(row -> assertThat(row).containsEntry("BillingAccountId", "acct-9")
                .containsEntry("BillingAccountName", "Research"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reconciliation_finding WHERE kind = 'ACCOUNT_ID_UNKNOWN'").query(Integer.class)
                .single()).isZero();
    }

    @Test
    void anUnknownFocusVersionIsAConfigurationError() {
        LedgerProcess.Result result = ledger.with("LEDGER_FOCUS_VERSION", "1.4").execute("run", "--date=" + DATE);

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("LEDGER_FOCUS_VERSION must be 1.2 or 1.3, was 1.4");
    }

    private FocusTable focus() throws IOException {
        return FocusTable.read(home.resolve("reports/" + DATE + "/focus-" + DATE + ".csv"));
    }
}
