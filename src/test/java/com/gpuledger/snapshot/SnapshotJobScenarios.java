package com.gpuledger.snapshot;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.gpuledger.support.ProviderStubs.detail;
import static com.gpuledger.support.ProviderStubs.listItem;
import static com.gpuledger.support.ProviderStubs.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.provider.InstanceLister;
import com.gpuledger.support.FutureDate;
import com.gpuledger.support.Instants;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.ProviderStubs;
import com.gpuledger.support.TestDatabase;

/** The whole job against WireMock, asserting on rows, failures, runs and exit codes; run on H2 and PostgreSQL. */
abstract class SnapshotJobScenarios {

    static final String NIGHT_1 = "2025-03-10";
    static final String NIGHT_2 = "2025-03-11";

    @TempDir
    Path home;
    ProviderStubs provider;
    TestDatabase database;
    LedgerProcess ledger;
    JdbcClient jdbc;

    abstract TestDatabase database(Path home);

    @BeforeEach
    void startProvider() {
        provider = new ProviderStubs();
        database = database(home);
        jdbc = database.jdbc();
        ledger = new LedgerProcess(home)
                .with(database.environment())
                .with("LEDGER_API_URL", provider.baseUrl())
                .with("LEDGER_API_TOKEN", ProviderStubs.TOKEN)
                .with("LEDGER_FETCH_BACKOFF", "10ms")
                .with("LEDGER_API_READ_TIMEOUT", "700ms")
                .with("LEDGER_FETCH_CONCURRENCY", "4");
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    @Test
    void capturesEveryInstanceThroughTheProvidersQuirksAndFaults() {
        // given: capped pages, a numeric id, a 500, a 429, a timeout, a "status":"failed" body, deleted instances
        provider.list(InstanceLister.ACTIVE, 2, listItem("101", "0.679", "Running"), listItem("\"a-2\"", "18.4", "Running"),
                listItem("\"a-3\"", "1.29", "Running"), listItem("\"a-4\"", "0.89", "Running"), listItem("\"a-5\"", "2.3", "Running"));
        provider.list(InstanceLister.DELETED, 2, listItem("\"d-1\"", "0.39", "Deleted"), listItem("\"d-2\"", "0.39", "Deleted"));
        provider.detailOk("101", detail("101", "CANADA", "RTX-A6000", 1, "Running", "EST 2025-03-01 10:00:00", "100.5000 hours", "$68.2395"));
        provider.detailAfter("a-2", status(500), detail("\"a-2\"", "US-EAST", "H100-80G-SXM", 8, "Running", "2025-03-09 20:00:00 EST", "10.0000 hours", "$1,840.0000"));
        provider.detailAfter("a-3", status(429).withHeader("Retry-After", "1"), detail("\"a-3\"", "FINLAND", "A100-80G", 1, "Running", "EST 2025-03-05 08:00:00", "24.0000 hours", "$30.9600"));
        String a4 = detail("\"a-4\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-05 08:00:00", "2.0000 hours", "$1.7800");
        provider.detailAfter("a-4", okJson(a4).withFixedDelay(2500), a4);
        provider.detail("a-5", okJson("{\"status\":\"failed\",\"message\":\"Instance is locked\"}"));
        provider.detailOk("d-1", detail("\"d-1\"", "SINGAPORE", "RTX-4090", 2, "Deleted", "EST 2025-03-09 01:00:00", "3.0000 hours", "$2.3400"));
        provider.detailOk("d-2", detail("\"d-2\"", "SINGAPORE", "RTX-4090", 1, "Deleted", "EST 2025-03-09 01:00:00", "3.0000 hours", "$12a.50"));

        // when
        LedgerProcess.Result night1 = ledger.execute("run", "--date=" + NIGHT_1);

        // then: everything that could be captured is, the two bad ones are failures with their reasons
        assertThat(night1.exitCode()).as(night1.err()).isEqualTo(2);
        assertThat(snapshotIds(NIGHT_1)).containsExactly("101", "a-2", "a-3", "a-4", "d-1");
        Map<String, Object> first = snapshot(NIGHT_1, "101");
        assertThat((BigDecimal) first.get("total_cost")).isEqualByComparingTo("68.2395");
        assertThat((BigDecimal) first.get("running_hours")).isEqualByComparingTo("100.5");
        assertThat((BigDecimal) first.get("price_per_hour")).isEqualByComparingTo("0.679");
        assertThat(Instants.of(first.get("start_time"))).isEqualTo(Instant.parse("2025-03-01T15:00:00Z"));
        assertThat(first).containsEntry("source", "ACTIVE").containsEntry("region", "CANADA").containsEntry("gpu_type", "RTX-A6000")
                .containsEntry("cpu_cores", 28).containsEntry("currency", "USD").containsEntry("status", "Running");
        Map<String, Object> big = snapshot(NIGHT_1, "a-2");
        assertThat((BigDecimal) big.get("total_cost")).isEqualByComparingTo("1840");
        assertThat(big).containsEntry("gpu_count", 8);
        assertThat(snapshot(NIGHT_1, "d-1")).containsEntry("source", "DELETED").containsEntry("status", "Deleted");
        assertThat(provider.requestsFor("/computing/instance/a-2")).isEqualTo(2);
        assertThat(provider.requestsFor("/computing/instance/a-3")).isEqualTo(2);
        assertThat(provider.requestsFor("/computing/instance/a-4")).isEqualTo(2);

        List<Map<String, Object>> failures = failures(NIGHT_1);
        assertThat(failures).extracting(f -> f.get("instance_id")).containsExactly("a-5", "d-2");
        assertThat(failures.get(0)).containsEntry("kind", "FAILED").containsEntry("http_status", 200).containsEntry("attempts", 1);
        assertThat((String) failures.get(0).get("reason")).contains("status 'failed'").contains("Instance is locked");
        assertThat((String) failures.get(1).get("reason")).contains("instance d-2").contains("field 'total_cost' has value '$12a.50'");
        assertThat(lastRun()).containsEntry("outcome", "PARTIAL").containsEntry("exit_code", 2).containsEntry("discovered_count", 7)
                .containsEntry("captured_count", 5).containsEntry("failed_count", 2).containsEntry("not_found_count", 0)
                .containsEntry("api_base_url", provider.baseUrl());

        // given: the next night a-4 is in no list any more, d-1 is settled, d-2 and a-5 now answer
        provider.reset();
        provider.list(InstanceLister.ACTIVE, 2, listItem("101", "0.679", "Running"), listItem("\"a-2\"", "18.4", "Running"),
                listItem("\"a-3\"", "1.29", "Running"), listItem("\"a-5\"", "2.3", "Running"));
        provider.list(InstanceLister.DELETED, 2, listItem("\"d-1\"", "0.39", "Deleted"), listItem("\"d-2\"", "0.39", "Deleted"));
        provider.detailOk("101", detail("101", "CANADA", "RTX-A6000", 1, "Running", "EST 2025-03-01 10:00:00", "124.5000 hours", "$84.5355"));
        provider.detailOk("a-2", detail("\"a-2\"", "US-EAST", "H100-80G-SXM", 8, "Running", "2025-03-09 20:00:00 EST", "34.0000 hours", "$6,256.0000"));
        provider.detailOk("a-3", detail("\"a-3\"", "FINLAND", "A100-80G", 1, "Running", "EST 2025-03-05 08:00:00", "48.0000 hours", "$61.9200"));
        provider.detailOk("a-5", detail("\"a-5\"", "US-WEST", "H100-80G-PCIe", 1, "Running", "EST 2025-03-05 08:00:00", "1.0000 hours", "$2.3000"));
        provider.detailOk("d-1", detail("\"d-1\"", "SINGAPORE", "RTX-4090", 2, "Deleted", "EST 2025-03-09 01:00:00", "3.0000 hours", "$2.3400"));
        provider.detailOk("d-2", detail("\"d-2\"", "SINGAPORE", "RTX-4090", 1, "Deleted", "EST 2025-03-09 01:00:00", "3.0000 hours", "$1.1700"));
        provider.detail("a-4", status(404));

        // when
        LedgerProcess.Result night2 = ledger.execute("run", "--date=" + NIGHT_2);

        // then
        assertThat(night2.exitCode()).as(night2.err()).isZero();
        assertThat(snapshotIds(NIGHT_2)).containsExactly("101", "a-2", "a-3", "a-5", "d-2");
        assertThat(provider.requestsFor("/computing/instance/d-1")).as("a deleted instance is captured once").isZero();
        assertThat(failures(NIGHT_2)).singleElement()
                .satisfies(f -> assertThat(f).containsEntry("instance_id", "a-4").containsEntry("kind", "NOT_FOUND").containsEntry("http_status", 404));
        assertThat(lastRun()).containsEntry("outcome", "SUCCEEDED").containsEntry("exit_code", 0).containsEntry("discovered_count", 6)
                .containsEntry("captured_count", 5).containsEntry("failed_count", 0).containsEntry("not_found_count", 1);
        assertThat(jdbc.sql("SELECT source FROM fetch_target WHERE report_date = ? AND instance_id = 'a-4'").param(date(NIGHT_2))
                .query(String.class).single()).isEqualTo("PREVIOUS");

        // and: an earlier date is refused, naming the later one; so is a future date
        LedgerProcess.Result earlier = ledger.execute("run", "--date=" + NIGHT_1);
        assertThat(earlier.exitCode()).isEqualTo(64);
        assertThat(earlier.err()).contains(NIGHT_2).doesNotContain("Exception");
        assertThat(ledger.execute("run", FutureDate.refusedRunDate()).exitCode()).isEqualTo(64);
        assertThat(snapshotIds(NIGHT_1)).hasSize(5);
    }

    @Test
    void detailsAreFetchedWhileTheListIsStillBeingPaged() {
        // given: a list in pages of one, whose third page takes 1.5 s to answer
        provider.list(InstanceLister.ACTIVE, 1, listItem("\"a-1\"", "0.5", "Running"), listItem("\"a-2\"", "0.5", "Running"),
                listItem("\"a-3\"", "0.5", "Running"));
        provider.server().stubFor(get(urlPathEqualTo("/api/v1" + InstanceLister.ACTIVE)).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson("{\"data\":[" + listItem("\"a-3\"", "0.5", "Running") + "],\"total_instance\":3,"
                        + "\"message\":\"ok\",\"status\":\"success\"}").withFixedDelay(1500)));
        provider.list(InstanceLister.DELETED, 10);
        for (String id : List.of("a-1", "a-2", "a-3")) {
            provider.detailOk(id, detail("\"" + id + "\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-05 08:00:00", "2.0000 hours", "$1.0000"));
        }

        // when
        LedgerProcess.Result night = ledger.with("LEDGER_API_READ_TIMEOUT", "5s").execute("run", "--date=" + NIGHT_1);

        // then: the first page's detail was asked for before the slow page answered, and nothing was fetched twice
        assertThat(night.exitCode()).as(night.err()).isZero();
        assertThat(snapshotIds(NIGHT_1)).containsExactly("a-1", "a-2", "a-3");
        Instant slowPageAsked = received("/api/v1" + InstanceLister.ACTIVE, "offset=2");
        Instant firstDetailAsked = received("/api/v1/computing/instance/a-1", "");
        assertThat(firstDetailAsked).isBefore(slowPageAsked.plusMillis(1000));
        assertThat(List.of("a-1", "a-2", "a-3")).allSatisfy(id ->
                assertThat(provider.requestsFor("/computing/instance/" + id)).isEqualTo(1));
    }

    /** When the provider received the one request to the path whose query contains the text. */
    private Instant received(String path, String query) {
        return provider.server().getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().startsWith(path) && event.getRequest().getUrl().contains(query))
                .map(event -> event.getRequest().getLoggedDate().toInstant())
                .reduce((a, b) -> { throw new AssertionError("more than one request to " + path + " " + query); })
                .orElseThrow(() -> new AssertionError("no request to " + path + " " + query));
    }

    @Test
    void aRefusedTokenStopsTheRunAtOnceWithoutRetries() {
        // given
        provider.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v1" + InstanceLister.ACTIVE)).willReturn(status(401)));

        // when
        LedgerProcess.Result result = ledger.execute("run", "--date=" + NIGHT_1);

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(provider.requestsFor(InstanceLister.ACTIVE)).isEqualTo(1);
        assertThat(lastRun()).containsEntry("outcome", "FAILED").containsEntry("exit_code", 1);
        assertThat((String) lastRun().get("message")).contains("refused the API token").contains("HTTP 401")
                .doesNotContain(ProviderStubs.TOKEN);
    }

    @Test
    void aListThatNeverAddsUpFailsTheRunWithEachPassCounted() {
        // given: total_instance says 3, the pages hold 2
        provider.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v1" + InstanceLister.ACTIVE))
                .willReturn(okJson("{\"data\":[" + listItem("\"x-1\"", "1", "Running") + "," + listItem("\"x-2\"", "1", "Running")
                        + "],\"total_instance\":3,\"status\":\"success\"}")));

        // when
        LedgerProcess.Result result = ledger.execute("run", "--date=" + NIGHT_1);

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat((String) lastRun().get("message")).contains("pass 1: total_instance 3, 2 distinct ids").contains("pass 3");
        assertThat(snapshotIds(NIGHT_1)).isEmpty();
    }

    @Test
    void aRunThatDiesPartWayIsCompletedByRunningTheDateAgain() {
        // given: one at a time, a chunk per instance, and the token refused on the third instance
        ledger.with("LEDGER_FETCH_CONCURRENCY", "1").with("LEDGER_FETCH_CHUNK_SIZE", "1");
        String[] ids = {"i-1", "i-2", "i-3", "i-4", "i-5"};
        provider.list(InstanceLister.ACTIVE, 100, java.util.Arrays.stream(ids).map(id -> listItem("\"" + id + "\"", "1.5", "Running")).toArray(String[]::new));
        provider.list(InstanceLister.DELETED, 100);
        for (String id : ids) {
            provider.detailOk(id, detail("\"" + id + "\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-01 10:00:00", "2.0000 hours", "$3.0000"));
        }
        provider.detail("i-3", status(401));
        LedgerProcess.Result died = ledger.execute("run", "--date=" + NIGHT_1);
        assertThat(died.exitCode()).isEqualTo(1);
        assertThat(snapshotIds(NIGHT_1)).containsExactly("i-1", "i-2");

        // when: the token is good again and the same date runs again
        provider.detailOk("i-3", detail("\"i-3\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-01 10:00:00", "2.0000 hours", "$3.0000"));
        LedgerProcess.Result completed = ledger.execute("run", "--date=" + NIGHT_1);

        // then: the rest is captured, nothing twice
        assertThat(completed.exitCode()).as(completed.err()).isZero();
        assertThat(snapshotIds(NIGHT_1)).containsExactly(ids);
        assertThat(provider.requestsFor("/computing/instance/i-1")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT outcome FROM ledger_run ORDER BY run_id").query(String.class).list())
                .containsExactly("FAILED", "SUCCEEDED");
    }

    @Test
    void runningTheLatestDateAgainRefreshesIt() {
        // given
        provider.list(InstanceLister.ACTIVE, 100, listItem("\"r-1\"", "1.5", "Running"), listItem("\"r-2\"", "1.5", "Running"));
        provider.list(InstanceLister.DELETED, 100);
        provider.detailOk("r-1", detail("\"r-1\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-01 10:00:00", "2.0000 hours", "$3.0000"));
        provider.detailOk("r-2", detail("\"r-2\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-01 10:00:00", "4.0000 hours", "$6.0000"));
        assertThat(ledger.execute("run", "--date=" + NIGHT_1).exitCode()).isZero();
        provider.detailOk("r-1", detail("\"r-1\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-01 10:00:00", "3.0000 hours", "$4.5000"));

        // when
        LedgerProcess.Result refresh = ledger.execute("run", "--date=" + NIGHT_1);

        // then: the date holds the new counters once, and what was replaced is kept
        assertThat(refresh.exitCode()).as(refresh.err()).isZero();
        assertThat(snapshotIds(NIGHT_1)).containsExactly("r-1", "r-2");
        assertThat((BigDecimal) snapshot(NIGHT_1, "r-1").get("total_cost")).isEqualByComparingTo("4.5");
        Map<String, Object> replaced = jdbc.sql("SELECT * FROM snapshot_refresh").query().singleRow();
        assertThat((BigDecimal) replaced.get("previous_total_cost")).isEqualByComparingTo("9");
        assertThat(replaced).containsEntry("previous_instances", 2);
    }

    @Test
    void aLiveLeaseKeepsASecondRunOutAndAStaleOneIsTakenOver() throws Exception {
        // given: a completed night, then a run of this host that is still alive (this very JVM)
        provider.list(InstanceLister.ACTIVE, 100, listItem("\"l-1\"", "1.5", "Running"));
        provider.list(InstanceLister.DELETED, 100);
        provider.detailOk("l-1", detail("\"l-1\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-01 10:00:00", "2.0000 hours", "$3.0000"));
        assertThat(ledger.execute("run", "--date=" + NIGHT_1).exitCode()).isZero();
        String host = InetAddress.getLocalHost().getHostName();
        jdbc.sql("""
                INSERT INTO ledger_run (report_date, command, started_at, outcome, host, pid, heartbeat_at)
                VALUES (?, 'run', ?, 'RUNNING', ?, ?, ?)""")
                .param(date(NIGHT_2)).param(OffsetDateTime.now()).param(host).param(ProcessHandle.current().pid())
                .param(OffsetDateTime.now()).update();

        // when / then: held
        LedgerProcess.Result held = ledger.execute("run", "--date=" + NIGHT_2);
        assertThat(held.exitCode()).isEqualTo(75);
        assertThat(held.err()).contains("another run holds the lease").contains(host).contains(NIGHT_2);

        // given: its process is gone
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        jdbc.sql("UPDATE ledger_run SET pid = ? WHERE outcome = 'RUNNING'").param(gone.pid()).update();

        // when / then: taken over at once, the old run marked abandoned
        assertThat(ledger.execute("run", "--date=" + NIGHT_2).exitCode()).isZero();
        assertThat(jdbc.sql("SELECT outcome FROM ledger_run ORDER BY run_id").query(String.class).list())
                .containsExactly("SUCCEEDED", "ABANDONED", "SUCCEEDED");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void neitherThePlantedPasswordNorTheTokenIsStoredOrLogged(CapturedOutput output) throws Exception {
        // given: details carrying vm_password, password and user_name; one bad body, one refused call
        provider.list(InstanceLister.ACTIVE, 100, listItem("\"s-1\"", "1.5", "Running"), listItem("\"s-2\"", "1.5", "Running"));
        provider.list(InstanceLister.DELETED, 100);
        provider.detailOk("s-1", detail("\"s-1\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-01 10:00:00", "2.0000 hours", "$3.0000"));
        provider.detailOk("s-2", detail("\"s-2\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-01 10:00:00", "2.0000 hours", "$3.00x"));

        // when
        LedgerProcess.Result result = ledger.execute("run", "--date=" + NIGHT_1);

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        StringBuilder everything = new StringBuilder();
        for (String table : jdbc.sql("SELECT table_name FROM information_schema.tables WHERE LOWER(table_schema) = 'public'")
                .query(String.class).list()) {
            everything.append(table).append(jdbc.sql("SELECT * FROM " + table).query().listOfRows());
        }
        assertThat(everything).contains("s-1").contains("$3.00x");
        assertThat(everything.toString()).doesNotContain(ProviderStubs.PASSWORD).doesNotContain(ProviderStubs.TOKEN).doesNotContain("ubuntu");
        assertThat(output.getAll()).contains("s-2").doesNotContain(ProviderStubs.PASSWORD).doesNotContain(ProviderStubs.TOKEN);
        assertThat(result.err() + result.out()).doesNotContain(ProviderStubs.TOKEN);
        // and in every report file (the workbook is a zip: its sheets are read back as text)
        StringBuilder reports = new StringBuilder();
        try (var files = java.nio.file.Files.walk(home.resolve("reports"))) {
            for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                reports.append(file.toString().endsWith(".xlsx") ? workbookText(file) : java.nio.file.Files.readString(file));
            }
        }
        assertThat(reports).contains("s-1");
        assertThat(reports.toString()).doesNotContain(ProviderStubs.PASSWORD).doesNotContain(ProviderStubs.TOKEN).doesNotContain("ubuntu");
    }

    private static String workbookText(Path file) throws java.io.IOException {
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(file.toFile().getPath());
             var extractor = new org.apache.poi.xssf.extractor.XSSFExcelExtractor(workbook)) {
            return extractor.getText();
        }
    }

    List<String> snapshotIds(String reportDate) {
        return jdbc.sql("SELECT instance_id FROM instance_snapshot WHERE report_date = ? ORDER BY instance_id")
                .param(date(reportDate)).query(String.class).list();
    }

    Map<String, Object> snapshot(String reportDate, String id) {
        return jdbc.sql("SELECT * FROM instance_snapshot WHERE report_date = ? AND instance_id = ?")
                .param(date(reportDate)).param(id).query().singleRow();
    }

    List<Map<String, Object>> failures(String reportDate) {
        return jdbc.sql("SELECT * FROM fetch_failure WHERE report_date = ? ORDER BY instance_id")
                .param(date(reportDate)).query().listOfRows();
    }

    Map<String, Object> lastRun() {
        return jdbc.sql("SELECT * FROM ledger_run ORDER BY run_id DESC").query().listOfRows().get(0);
    }

    static java.time.LocalDate date(String text) {
        return java.time.LocalDate.parse(text);
    }
}
