package com.gpuledger.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.gpuledger.support.ProviderStubs.detail;
import static com.gpuledger.support.ProviderStubs.listItem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.gpuledger.provider.InstanceLister;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.ProviderStubs;
import com.gpuledger.support.TestDatabase;

/** A provider that trickles, floods or is handed ids that are not path segments: each instance ends with its reason. */
class HostileProviderFunctionalTests {

    static final String START = "EST 2025-03-01 10:00:00";

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
    void aBodyThatTricklesEndsAtTheRequestDeadlineAsAFailedAttempt() {
        // given: one detail sent in 60 chunks over 60 s, one whose headers wait 20 s, a deadline of 2 s, and a read
        // timeout that neither trips
        listActive("ok", "slow", "silent");
        provider.detailOk("ok", body("ok"));
        provider.detail("slow", okJson(body("slow")).withChunkedDribbleDelay(60, 60_000));
        provider.detail("silent", okJson(body("silent")).withFixedDelay(20_000));
        ledger.with("LEDGER_API_REQUEST_DEADLINE", "2s").with("LEDGER_API_READ_TIMEOUT", "30s");

        // when
        long started = System.nanoTime();
        LedgerProcess.Result result = ledger.execute("run", "--date=2025-03-10");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then: two attempts of about 2 s each, not a minute each; the rest of the night captured
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(took).isLessThan(Duration.ofSeconds(40));
        assertThat(failures()).containsOnlyKeys("slow", "silent");
        assertThat(failures().values()).allSatisfy(reason -> assertThat(reason).contains("request deadline of 2000 ms")
                .contains("after 2 attempts"));
        assertThat(jdbc.sql("SELECT attempts FROM fetch_failure").query(Integer.class).list()).containsOnly(2);
        assertThat(captured()).containsExactly("ok");
    }

    @Test
    void aBodyBeyondTheMaximumFailsItsInstanceWithoutARetry() {
        // given: 5 MB bodies against a maximum of 1 MB, one with its length declared, one chunked without it
        listActive("ok", "declared", "chunked");
        provider.detailOk("ok", body("ok"));
        String huge = body("huge").replace("\"os\":", "\"padding\":\"" + "x".repeat(5 * 1024 * 1024) + "\",\"os\":");
        provider.detailOk("declared", huge);
        provider.detail("chunked", okJson(huge).withChunkedDribbleDelay(50, 200));
        ledger.with("LEDGER_API_MAX_BODY", "1MB").with("LEDGER_FETCH_ATTEMPTS", "5");

        // when
        LedgerProcess.Result result = ledger.execute("run", "--date=2025-03-10");

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        Map<String, String> failures = failures();
        assertThat(failures).containsOnlyKeys("declared", "chunked");
        assertThat(failures.values()).allSatisfy(reason -> assertThat(reason)
                .contains("larger than the maximum of 1048576 bytes (LEDGER_API_MAX_BODY)"));
        assertThat(jdbc.sql("SELECT attempts FROM fetch_failure").query(Integer.class).list()).containsOnly(1);
        assertThat(provider.requestsFor("/computing/instance/declared")).isEqualTo(1);
        assertThat(provider.requestsFor("/computing/instance/chunked")).isEqualTo(1);
        assertThat(captured()).containsExactly("ok");
    }

    @Test
    void idsAreSentAsOneEncodedPathSegmentAndDotSegmentsAreRefused() {
        // given: ids with every character that would cut or leave a path segment, and the two dot segments
        String odd = "a/b?c#d%e f";
        listActive(odd, ".", "..");
        provider.server().stubFor(get(urlEqualTo("/api/v1/computing/instance/a%2Fb%3Fc%23d%25e%20f"))
                .willReturn(okJson(body("a/b?c#d%e f"))));

        // when
        LedgerProcess.Result result = ledger.execute("run", "--date=2025-03-10");

        // then: the odd id captured through its encoded segment, the dot ids failed with their reason, never requested
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(captured()).containsExactly(odd);
        Map<String, String> failures = failures();
        assertThat(failures).containsOnlyKeys(".", "..");
        assertThat(failures.get(".")).contains("instance id '.' refused").contains("dot segment");
        assertThat(failures.get("..")).contains("instance id '..' refused").contains("dot segment");
        assertThat(jdbc.sql("SELECT kind FROM fetch_failure").query(String.class).list()).containsOnly("FAILED");
        List<String> detailUrls = provider.server().getAllServeEvents().stream().map(ServeEvent::getRequest)
                .map(request -> request.getUrl()).filter(url -> url.contains("/computing/instance/")).toList();
        assertThat(detailUrls).containsExactly("/api/v1/computing/instance/a%2Fb%3Fc%23d%25e%20f");
    }

    private void listActive(String... ids) {
        provider.list(InstanceLister.ACTIVE, 100, java.util.Arrays.stream(ids)
                .map(id -> listItem("\"" + id.replace("\\", "\\\\") + "\"", "1.5", "Running")).toArray(String[]::new));
        provider.list(InstanceLister.DELETED, 100);
    }

    private static String body(String id) {
        return detail("\"" + id + "\"", "CANADA", "L40S", 1, "Running", START, "2.0000 hours", "$3.0000");
    }

    private Map<String, String> failures() {
        Map<String, String> reasons = new TreeMap<>();
        jdbc.sql("SELECT instance_id, reason FROM fetch_failure").query().listOfRows()
                .forEach(row -> reasons.put((String) row.get("instance_id"), (String) row.get("reason")));
        return reasons;
    }

    private List<String> captured() {
        return jdbc.sql("SELECT instance_id FROM instance_snapshot ORDER BY instance_id").query(String.class).list();
    }
}
