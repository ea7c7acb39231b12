package com.gpuledger.faults;

import static com.gpuledger.support.ProviderStubs.detail;
import static com.gpuledger.support.ProviderStubs.listItem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.gpuledger.provider.InstanceLister;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.ProviderStubs;

/** The most talkative log configuration a user can set: the token never reaches the output. */
@ExtendWith(OutputCaptureExtension.class)
class TokenAtTraceFunctionalTests {

    @TempDir
    Path home;
    ProviderStubs provider;

    @BeforeEach
    void start() {
        provider = new ProviderStubs();
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void aRunAtTraceOnEveryLoggerNeverPrintsTheToken(CapturedOutput output) {
        // given: a night with a list, a detail and a failing detail, at TRACE everywhere
        LedgerProcess ledger = night().with("LOGGING_LEVEL_ROOT", "TRACE")
                .with("LOGGING_LEVEL_COM_GPULEDGER", "TRACE")
                .with("LOGGING_LEVEL_SUN_NET", "TRACE")
                .with("LOGGING_LEVEL_JDK_INTERNAL_HTTPCLIENT", "TRACE")
                .with("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_WEB_CLIENT", "TRACE")
                .with("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_HTTP", "TRACE")
                .with("LOGGING_LEVEL_ORG_APACHE", "TRACE");

        // when
        LedgerProcess.Result result = ledger.execute("run", "--date=2025-03-10");

        // then: the run really talked at TRACE, about the requests too, and the token is nowhere
        assertNoToken(output, result);
    }

    @Test
    void aUsersOwnLogbackConfigurationAtTraceCannotPrintTheTokenEither(CapturedOutput output) throws IOException {
        // given: the user's own Logback file, every logger at TRACE, plain console, no filters of ours
        Path config = Files.writeString(home.resolve("logback-user.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%level %logger %msg%n%ex</pattern></encoder>
                  </appender>
                  <root level="TRACE"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        // (the level too: the application's properties set root to WARN over any file)
        LedgerProcess ledger = night().with("LOGGING_CONFIG", config.toString()).with("LOGGING_LEVEL_ROOT", "TRACE");

        // when
        LedgerProcess.Result result = ledger.execute("run", "--date=2025-03-10");

        // then
        assertNoToken(output, result);
    }

    @Test
    void aShortTokenIsMaskedInTheAuthorizationHeader(CapturedOutput output) {
        // given: a token too short to be masked wherever it appears, at DEBUG where the client logs its headers
        LedgerProcess ledger = night().with("LEDGER_API_TOKEN", "k3y-7ch").with("LOGGING_LEVEL_ROOT", "TRACE");

        // when
        LedgerProcess.Result result = ledger.execute("run", "--date=2025-03-10");

        // then: the headers are logged, the token is not
        String everything = output.getAll() + result.out() + result.err();
        assertThat(everything).contains("Authorization: Bearer [token hidden]").doesNotContain("Bearer k3y-7ch");
    }

    private LedgerProcess night() {
        provider.list(InstanceLister.ACTIVE, 1, listItem("\"t-1\"", "1.5", "Running"), listItem("\"t-2\"", "1.5", "Running"));
        provider.list(InstanceLister.DELETED, 100);
        provider.detailOk("t-1", detail("\"t-1\"", "CANADA", "L40S", 1, "Running", "EST 2025-03-01 10:00:00", "2.0000 hours", "$3.0000"));
        provider.detail("t-2", ProviderStubs.status(500));
        return new LedgerProcess(home).with("LEDGER_API_URL", provider.baseUrl())
                .with("LEDGER_API_TOKEN", ProviderStubs.TOKEN).with("LEDGER_FETCH_BACKOFF", "5ms").with("LEDGER_FETCH_ATTEMPTS", "2");
    }

    /** The run talked at TRACE, about the requests' headers too, and the token is nowhere in what it printed. */
    private static void assertNoToken(CapturedOutput output, LedgerProcess.Result result) {
        assertThat(result.exitCode()).isEqualTo(2);
        String everything = output.getAll() + result.out() + result.err();
        assertThat(everything).contains("TRACE").contains("/computing/instance/t-1").contains("Authorization: Bearer");
        assertThat(everything).doesNotContain(ProviderStubs.TOKEN);
    }
}
