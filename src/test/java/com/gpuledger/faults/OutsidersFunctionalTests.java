package com.gpuledger.faults;

import static com.gpuledger.support.ProviderStubs.detail;
import static com.gpuledger.support.ProviderStubs.listItem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.provider.InstanceLister;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.ProviderStubs;
import com.gpuledger.support.TestDatabase;

/** What the people around the night hand it, an operator's URL, date or rule: refused, cleaned or made harmless. */
@ExtendWith(OutputCaptureExtension.class)
class OutsidersFunctionalTests {

    @TempDir
    Path home;
    ProviderStubs provider;
    LedgerProcess ledger;
    JdbcClient jdbc;

    @BeforeEach
    void start() {
        provider = new ProviderStubs();
        provider.list(InstanceLister.ACTIVE, 100, listItem("\"o-1\"", "1.5", "Running"));
        provider.list(InstanceLister.DELETED, 100);
        provider.detailOk("o-1", detail("\"o-1\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-01 10:00:00", "2.0000 hours", "$3.0000"));
        ledger = new LedgerProcess(home).with("LEDGER_API_URL", provider.baseUrl()).with("LEDGER_API_TOKEN", ProviderStubs.TOKEN);
        jdbc = TestDatabase.h2(home).jdbc();
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void aPasswordInTheApiUrlIsNeitherLoggedNorStored(CapturedOutput output) {
        // given: credentials in the URL, a password too short for the log's masking of secrets
        ledger.with("LEDGER_API_URL", provider.baseUrl().replace("http://", "http://user:S3cret@"));

        // when
        LedgerProcess.Result run = ledger.execute("run", "--date=2025-03-10");

        // then: the run worked, and its URL is in the log and the table without the user-info
        assertThat(run.exitCode()).as(run.err()).isIn(0, 3);
        assertThat(jdbc.sql("SELECT api_base_url FROM ledger_run").query(String.class).single()).isEqualTo(provider.baseUrl());
        assertThat(output.getAll()).contains("provider " + provider.baseUrl()).doesNotContain("S3cret");
        assertThat(run.out() + run.err()).doesNotContain("S3cret");
    }

    @Test
    void aRegexThatWouldBacktrackForHoursNeitherHangsTheNightNorTheCheck() throws IOException {
        // given: a rule with nested quantifiers, and a 42-character host name that almost matches it
        String id = "a".repeat(36) + "b";
        provider.list(InstanceLister.ACTIVE, 100, listItem("\"" + id + "\"", "1.5", "Running"));
        provider.detailOk(id, detail("\"" + id + "\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-01 10:00:00", "2.0000 hours", "$3.0000"));
        Files.writeString(home.resolve("allocation.yaml"), """
                rules:
                  - match: {host_name_regex: '(.*a){20}'}
                    set: {cost_center: a-lot}
                """);

        // when: the night, then the check of its rules (each would run for hours on a backtracking engine)
        LedgerProcess.Result run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ledger.execute("run", "--date=2025-03-10"));
        LedgerProcess.Result check = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> ledger.execute("allocation", "check", "--date=2025-03-10"));

        // then: the instance is simply unallocated
        assertThat(run.exitCode()).as(run.err()).isIn(0, 3);
        assertThat(jdbc.sql("SELECT cost_center FROM daily_instance_allocation").query(String.class).list()).containsExactly("unallocated");
        assertThat(check.exitCode()).as(check.err()).isEqualTo(3);
        assertThat(check.out()).contains("host-" + id).contains("1 of 1 instances of 2025-03-10 are unallocated");
    }

    @Test
    void aRunOfAYearBeforeTheFirstIsRefusedBeforeItTouchesAnything() {
        // when
        LedgerProcess.Result run = ledger.execute("run", "--date=-0001-12-31");

        // then: a usage error naming the option, no folder, no row
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--date=-0001-12-31").contains("2000-01-01").doesNotContain("Exception");
        assertThat(home.resolve("reports")).doesNotExist();
        assertThat(home.resolve("data")).doesNotExist();
    }
}
