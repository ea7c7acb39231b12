package com.gpuledger.faults;

import static com.gpuledger.support.ProviderStubs.detail;
import static com.gpuledger.support.ProviderStubs.listItem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

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

/** What the people around the night hand it, an operator's URL or date: refused or cleaned before it is stored. */
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
    void aRunOfAYearBeforeTheFirstIsRefusedBeforeItTouchesAnything() {
        // when
        LedgerProcess.Result run = ledger.execute("run", "--date=-0001-12-31");

        // then: a usage error naming the option, no folder, no row
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--date=-0001-12-31").contains("2000-01-01").doesNotContain("Exception");
        assertThat(home.resolve("reports")).satisfiesAnyOf(reports -> assertThat(reports).doesNotExist(),
                reports -> assertThat(Files.list(reports)).isEmpty());
        assertThat(Files.exists(home.resolve("data"))).isFalse();
    }
}
