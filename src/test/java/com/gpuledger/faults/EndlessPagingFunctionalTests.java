package com.gpuledger.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.gpuledger.support.ProviderStubs.listItem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.provider.InstanceLister;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.ProviderStubs;
import com.gpuledger.support.TestDatabase;

/**
 * Lists that never end: the same page over and over, under a total the pages can never reach. The timeouts only stop a
 * test that would otherwise page for ever; the assertions are on the requests made and the run's outcome.
 */
class EndlessPagingFunctionalTests {

    @TempDir
    Path home;
    ProviderStubs provider;
    LedgerProcess ledger;
    JdbcClient jdbc;

    @BeforeEach
    void start() {
        provider = new ProviderStubs();
        ledger = new LedgerProcess(home).with("LEDGER_API_URL", provider.baseUrl()).with("LEDGER_API_TOKEN", ProviderStubs.TOKEN)
                .with("LEDGER_FETCH_BACKOFF", "5ms").with("LEDGER_FETCH_ATTEMPTS", "2");
        jdbc = TestDatabase.h2(home).jdbc();
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000_000, Integer.MAX_VALUE})
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aRepeatingPageUnderAnUnreachableTotalFailsTheListingNamingTheCounts(int total) {
        // given: every offset answers the same two items
        provider.server().stubFor(get(urlPathEqualTo("/api/v1" + InstanceLister.ACTIVE)).willReturn(okJson("{\"data\":["
                + listItem("\"r-1\"", "1", "Running") + "," + listItem("\"r-2\"", "1", "Running") + "],\"total_instance\":"
                + total + ",\"status\":\"success\"}")));

        // when
        LedgerProcess.Result result = ledger.execute("run", "--date=2025-03-10");

        // then: exit 1 after a few requests per pass, the message naming what the pages held against the total
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(provider.requestsFor(InstanceLister.ACTIVE)).isBetween(3, 40);
        assertThat(jdbc.sql("SELECT message FROM ledger_run").query(String.class).single())
                .contains("stayed inconsistent after 3 passes")
                .contains("total_instance " + total + ", 2 distinct ids in")
                .contains("a page repeated ids already seen");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aRepeatingChargeHistoryPageWithoutATotalEndsAndLeavesTheAccountUnreconciled() {
        // given: no instances, and a charge history whose every page is the same recent hour, with no total
        provider.list(InstanceLister.ACTIVE, 100);
        provider.list(InstanceLister.DELETED, 100);
        provider.server().stubFor(get(urlPathEqualTo("/api/v1/users/credits/history")).willReturn(okJson(
                "{\"data\":{\"credit_history\":[{\"user_id\":266,\"computing_amount\":1.5,\"serverless_amount\":0,\"total\":1.5,"
                        + "\"create_time\":\"EST 2025-03-10 12:00:00\",\"update_time\":\"EST 2025-03-10 13:00:00\"}]},"
                        + "\"message\":\"ok\",\"status\":\"success\"}")));

        // when
        LedgerProcess.Result result = ledger.execute("run", "--date=2025-03-10");

        // then: two pages per pass, three passes, and the night ends with no charge stored: an account that cannot be
        // reconciled is an ERROR finding, exit 3
        assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
        assertThat(provider.requestsFor("/users/credits/history")).isEqualTo(6);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_reconciliation WHERE account_charges_usd IS NOT NULL")
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT severity FROM reconciliation_finding WHERE kind = 'ACCOUNT_NOT_RECONCILED'")
                .query(String.class).single()).isEqualTo("ERROR");
    }
}
