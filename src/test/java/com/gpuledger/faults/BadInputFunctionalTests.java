package com.gpuledger.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.gpuledger.support.ProviderStubs.detail;
import static com.gpuledger.support.ProviderStubs.listItem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.provider.InstanceLister;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.ProviderStubs;
import com.gpuledger.support.TestDatabase;

/** Lists that cannot be trusted fail the run; instances that cannot be parsed are failures naming field and value. */
class BadInputFunctionalTests {

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

    @Test
    void anHtmlPageForTheListFailsTheRunWithItsReason() {
        provider.server().stubFor(get(urlPathEqualTo("/api/v1" + InstanceLister.ACTIVE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Down for maintenance</body></html>")));

        LedgerProcess.Result result = ledger.execute("run", "--date=2025-03-10");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT message FROM ledger_run").query(String.class).single())
                .contains("cannot read the list /computing/instances").contains("not JSON").contains("HTML");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM instance_snapshot").query(Integer.class).single()).isZero();
    }

    @Test
    void theFirstRunWithoutADateFailsAsTheListWouldWhenItCannotMeasureTheProvidersClock() {
        provider.server().stubFor(get(urlPathEqualTo("/api/v1" + InstanceLister.ACTIVE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Down for maintenance</body></html>")));

        LedgerProcess.Result result = ledger.execute("run");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines().filter(line -> line.startsWith("gpu-ledger:")).toList()).singleElement()
                .asString().startsWith("gpu-ledger: failed: ").contains("not JSON");
        assertThat(result.err()).doesNotContain("\tat ");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM instance_snapshot").query(Integer.class).single()).isZero();
    }

    @Test
    void pagesThatRepeatFailTheRun() {
        provider.server().stubFor(get(urlPathEqualTo("/api/v1" + InstanceLister.ACTIVE)).willReturn(okJson(
                "{\"data\":[" + listItem("\"r-1\"", "1", "Running") + "],\"total_instance\":3,\"status\":\"success\"}")));

        LedgerProcess.Result result = ledger.execute("run", "--date=2025-03-10");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT message FROM ledger_run").query(String.class).single()).contains("a page repeated ids");
    }

    @Test
    void instancesThatCannotBeParsedAreFailuresNamingTheFieldAndTheValue() {
        // given
        Map<String, String> bodies = Map.of(
                "ok", detail("\"ok\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-01 10:00:00", "2.0000 hours", "$3.0000"),
                "bad-date", detail("\"bad-date\"", "CANADA", "L40S", 1, "Running", "EST 2025-02-30 10:00:00", "2.0000 hours", "$3.0000"),
                "letters", detail("\"letters\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-01 10:00:00", "2.0000 hours", "$3.O0"),
                "negative", detail("\"negative\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-01 10:00:00", "-2.0000 hours", "$3.0000"),
                "huge", detail("\"huge\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-01 10:00:00", "2.0000 hours", "$123,456,789,012,345,678.00"));
        provider.list(InstanceLister.ACTIVE, 100, List.of("ok", "bad-date", "letters", "negative", "huge", "empty").stream()
                .map(id -> listItem("\"" + id + "\"", "1.5", "Running")).toArray(String[]::new));
        provider.list(InstanceLister.DELETED, 100);
        bodies.forEach(provider::detailOk);
        provider.detail("empty", aResponse().withStatus(200).withBody(""));

        // when
        LedgerProcess.Result result = ledger.execute("run", "--date=2025-03-10");

        // then: exit 2, one failure each with instance, field and value, and no number stored for them; an impossible
        // start time is not a counter: that instance is captured with the field NULL and a finding naming it
        assertThat(result.exitCode()).isEqualTo(2);
        Map<String, String> reasons = new java.util.TreeMap<>();
        jdbc.sql("SELECT instance_id, reason FROM fetch_failure WHERE kind = 'FAILED'").query()
                .listOfRows().forEach(row -> reasons.put((String) row.get("instance_id"), (String) row.get("reason")));
        assertThat(reasons).containsOnlyKeys("letters", "negative", "huge", "empty");
        assertThat(jdbc.sql("SELECT detail FROM reconciliation_finding WHERE instance_id = 'bad-date' AND kind = 'FIELD_UNREADABLE'")
                .query(String.class).single()).contains("field 'start_time' has value 'EST 2025-02-30 10:00:00'");
        assertThat(reasons.get("letters")).contains("field 'total_cost' has value '$3.O0'");
        assertThat(reasons.get("negative")).contains("field 'running_time' has value '-2.0000 hours'");
        assertThat(reasons.get("huge")).contains("field 'total_cost'").contains("too large");
        assertThat(reasons.get("empty")).contains("empty response body");
        assertThat(jdbc.sql("SELECT instance_id FROM instance_snapshot ORDER BY instance_id").query(String.class).list())
                .containsExactly("bad-date", "ok");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM instance_snapshot WHERE instance_id = 'bad-date' AND start_time IS NULL")
                .query(Integer.class).single()).isOne();
    }
}
