package com.gpuledger.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.TestDatabase;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A mail server and a webhook that answer a byte every second, far below any per-read timeout: the delivery fails at
 * its deadline, is recorded, and the run's exit code, lease and metrics are those of any night.
 */
class SlowReceiversFunctionalTests {

    static final LocalDate D = LocalDate.parse("2026-03-10");
    /** How long the receivers trickle before they hang up: far beyond the deadlines, well below a test's patience. */
    static final Duration TRICKLE = Duration.ofSeconds(60);
    /** The longest a bounded night with its failed delivery may take on a busy 2-core machine. */
    static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path home;
    ProviderSimulator simulator;
    TricklingServer receiver;
    LedgerProcess ledger;
    JdbcClient jdbc;

    @BeforeEach
    void start() throws IOException {
        TestDatabase database = TestDatabase.h2(home);
        simulator = new ProviderSimulator(SimulatorSettings.defaults(5, 10, Instant.parse("2026-03-11T07:00:00Z")));
        simulator.start(0);
        ledger = new LedgerProcess(home).with(database.environment())
                .with("LEDGER_API_URL", simulator.baseUrl()).with("LEDGER_API_TOKEN", "demo")
                .with("LEDGER_METRICS_FILE", home.resolve("metrics.prom").toString());
        jdbc = database.jdbc();
    }

    @AfterEach
    void stop() throws IOException {
        simulator.close();
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aMailServerTricklingItsBannerFailsTheMailAtTheDeadlineAndTheNightEndsAsAnyOther() throws IOException {
        // given: a mail server that sends its greeting a byte a second, a 2 s mail deadline
        receiver = new TricklingServer("220 smtp.example.com ESMTP ", true);
        ledger.with("SPRING_MAIL_HOST", "127.0.0.1").with("SPRING_MAIL_PORT", String.valueOf(receiver.port()))
                .with("LEDGER_MAIL_FROM", "gpu-ledger@example.com").with("LEDGER_MAIL_TO", "finance@example.com")
                .with("LEDGER_MAIL_DEADLINE", "2s");

        // when
        long started = System.nanoTime();
        LedgerProcess.Result run = ledger.execute("run", "--metrics", "--date=" + D);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then: the night's exit code, its delivery recorded as failed at the deadline, its metrics written, in bounded time
        assertThat(took).isLessThan(BOUND);
        assertThat(run.exitCode()).as(run.err()).isIn(0, 3);
        assertThat(deliveries()).containsExactly("MAIL FAILED 1");
        assertThat(deliveryMessage()).contains("LEDGER_MAIL_DEADLINE (2 s)");
        assertThat(Files.readString(home.resolve("metrics.prom"))).contains("gpu_ledger_last_exit_code " + run.exitCode())
                .contains("gpu_ledger_deliveries{channel=\"MAIL\",report_date=\"" + D + "\",status=\"FAILED\"} 1.0")
                .contains("gpu_ledger_deliveries_owed 1.0");

        // when: delivered by hand, the server as slow as before
        started = System.nanoTime();
        LedgerProcess.Result deliver = ledger.execute("deliver", "--date=" + D);
        took = Duration.ofNanos(System.nanoTime() - started);

        // then: exit 1 at the deadline, and the lease released
        assertThat(took).isLessThan(BOUND);
        assertThat(deliver.exitCode()).as(deliver.err()).isEqualTo(1);
        assertThat(deliveries()).containsExactly("MAIL FAILED 2");

        // when: the next night, the server as slow as before
        simulator.advance(Duration.ofHours(24));
        started = System.nanoTime();
        LedgerProcess.Result next = ledger.execute("run", "--metrics", "--date=" + D.plusDays(1));
        took = Duration.ofNanos(System.nanoTime() - started);

        // then: it got the lease; the owed mail failed once more, and the night's own was not tried after it
        assertThat(took).isLessThan(BOUND);
        assertThat(next.exitCode()).as(next.err()).isIn(0, 3);
        assertThat(deliveries()).containsExactly("MAIL FAILED 3", "MAIL FAILED 1");
        assertThat(jdbc.sql("SELECT message FROM report_delivery WHERE report_date = ?").param(D.plusDays(1)).query(String.class)
                .single()).startsWith("not tried");
    }

    @Test
    void aMailServerOverSslThatNeverAnswersTheHandshakeIsCutAtTheDeadlineNotAtItsReadTimeout() throws IOException {
        // given: SMTP over SSL to a server that accepts and says nothing, a read timeout of 60 s, a mail deadline of 2 s
        receiver = new TricklingServer("", false);
        ledger.with("SPRING_MAIL_HOST", "127.0.0.1").with("SPRING_MAIL_PORT", String.valueOf(receiver.port()))
                .with("SPRING_MAIL_PROPERTIES_MAIL_SMTP_SSL_ENABLE", "true")
                .with("SPRING_MAIL_PROPERTIES_MAIL_SMTP_TIMEOUT", "60000")
                .with("LEDGER_MAIL_FROM", "gpu-ledger@example.com").with("LEDGER_MAIL_TO", "finance@example.com")
                .with("LEDGER_MAIL_DEADLINE", "2s");

        // when
        long started = System.nanoTime();
        LedgerProcess.Result run = ledger.execute("run", "--metrics", "--date=" + D);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then: the watchdog closed the socket under the SSL handshake's blocked read
        assertThat(took).isLessThan(BOUND);
        assertThat(run.exitCode()).as(run.err()).isIn(0, 3);
        assertThat(deliveries()).containsExactly("MAIL FAILED 1");
        assertThat(deliveryMessage()).contains("LEDGER_MAIL_DEADLINE (2 s)");
    }

    @Test
    void aMailOverSslArrivesThroughTheDeadlinesSockets() throws Exception {
        // given: SMTP over SSL, the server's certificate its own
        GreenMail smtps = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        smtps.start();
        try {
            ledger.with("SPRING_MAIL_HOST", "127.0.0.1").with("SPRING_MAIL_PORT", String.valueOf(smtps.getSmtps().getPort()))
                    .with("SPRING_MAIL_PROPERTIES_MAIL_SMTP_SSL_ENABLE", "true").with("SPRING_MAIL_PROPERTIES_MAIL_SMTP_SSL_TRUST", "*")
                    .with("SPRING_MAIL_PROPERTIES_MAIL_SMTP_SSL_CHECKSERVERIDENTITY", "false")
                    .with("LEDGER_MAIL_FROM", "gpu-ledger@example.com").with("LEDGER_MAIL_TO", "finance@example.com")
                    .with("LEDGER_MAIL_DEADLINE", "20s");

            // when
            LedgerProcess.Result run = ledger.execute("run", "--metrics", "--date=" + D);

            // then
            assertThat(run.exitCode()).as(run.err()).isIn(0, 3);
            assertThat(deliveries()).containsExactly("MAIL SENT 1");
            assertThat(smtps.getReceivedMessages()).hasSize(1);
        } finally {
            smtps.stop();
        }
    }

    @Test
    void aSocketFactoryOfTheOperatorsOwnIsRefusedForItWouldEscapeTheDeadline() {
        // given: the old way of SMTP over SSL, a socket factory class
        ledger.with("SPRING_MAIL_HOST", "127.0.0.1").with("SPRING_MAIL_PORT", "465")
                .with("spring.mail.properties[mail.smtp.socketFactory.class]", "javax.net.ssl.SSLSocketFactory")
                .with("LEDGER_MAIL_FROM", "gpu-ledger@example.com").with("LEDGER_MAIL_TO", "finance@example.com");

        // when
        LedgerProcess.Result run = ledger.execute("run", "--metrics", "--date=" + D);

        // then
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("mail.smtp.socketFactory.class").contains("SPRING_MAIL_PROPERTIES_MAIL_SMTP_SSL_ENABLE=true");
    }

    @Test
    void aWebhookTricklingItsAnswerFailsTheAlertAtTheDeadline() throws IOException {
        // given: a failed night (no provider where the job looks) and a webhook answering a byte a second, 2 s deadline
        receiver = new TricklingServer("HTTP/1.1 200 OK\r\nX-Slow: ", true);
        ledger.with("LEDGER_API_URL", simulator.baseUrl() + "/nothing-here")
                .with("LEDGER_ALERT_WEBHOOK_URL", "http://127.0.0.1:" + receiver.port() + "/services/T0/B0/hook")
                .with("LEDGER_ALERT_DEADLINE", "2s");

        // when
        long started = System.nanoTime();
        LedgerProcess.Result run = ledger.execute("run", "--metrics", "--date=" + D);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then: the run's own exit code, the alert recorded as failed, long before the read timeout (20 s)
        assertThat(took).isLessThan(Duration.ofSeconds(15));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(deliveries()).containsExactly("WEBHOOK FAILED 1");
    }

    private List<String> deliveries() {
        return jdbc.sql("SELECT channel || ' ' || status || ' ' || attempts FROM report_delivery ORDER BY report_date, channel")
                .query(String.class).list();
    }

    private String deliveryMessage() {
        return jdbc.sql("SELECT message FROM report_delivery").query(String.class).single();
    }

    /**
     * Accepts every connection and sends it {@code opening} a byte a second, then endless filler the same way (never a
     * line end), or, not {@code trickling}, the opening at once and then nothing.
     */
    static final class TricklingServer implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final byte[] opening;
        private final boolean trickling;

        TricklingServer(String opening, boolean trickling) throws IOException {
            this.opening = opening.getBytes(StandardCharsets.US_ASCII);
            this.trickling = trickling;
            daemon("trickling-server", this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket connection = server.accept();
                    daemon("trickling-connection", () -> trickle(connection));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void trickle(Socket connection) {
            long end = System.nanoTime() + TRICKLE.toNanos();
            try (connection; OutputStream out = connection.getOutputStream()) {
                if (!trickling) {
                    out.write(opening);
                    out.flush();
                }
                for (int i = 0; System.nanoTime() < end && !server.isClosed(); i++) {
                    if (trickling) {
                        out.write(i < opening.length ? opening[i] : 'x');
                        out.flush();
                    }
                    Thread.sleep(1000);
                }
            } catch (IOException | InterruptedException e) {
                // the client hung up: what the test wants
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }

        private static void daemon(String name, Runnable work) {
            Thread thread = new Thread(work, name);
            thread.setDaemon(true);
            thread.start();
        }
    }
}
