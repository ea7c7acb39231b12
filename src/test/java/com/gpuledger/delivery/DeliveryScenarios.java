package com.gpuledger.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.gpuledger.simulator.ProviderSimulator;
import com.gpuledger.simulator.SimulatorSettings;
import com.gpuledger.support.LedgerProcess;
import com.gpuledger.support.TestDatabase;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * The day's mail through a real SMTP server in this JVM (GreenMail) and the alert to a local HTTP receiver (WireMock),
 * after real nights against the simulator: what the message says, that its workbook opens, that a failed delivery is
 * retried once the server is back and a sent one never sent twice, and that no secret reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class DeliveryScenarios {

    static final LocalDate D = LocalDate.parse("2026-03-10");
    static final String SMTP_USER = "ledger-mailer";
    static final String SMTP_PASSWORD = "smtp-PLANTED-9f3Kq";
    static final String WEBHOOK_PATH = "/services/T0PLANT/B0PLANT/hookPLANTEDx7Yq";

    @TempDir
    Path home;
    ProviderSimulator simulator;
    GreenMail smtp;
    int smtpPort;
    WireMockServer receiver;
    LedgerProcess ledger;
    JdbcClient jdbc;

    /** The database the job runs against, under {@code home}. */
    abstract TestDatabase database(Path home);

    @BeforeEach
    void start() throws IOException {
        TestDatabase database = database(home);
        simulator = new ProviderSimulator(SimulatorSettings.defaults(5, 40, Instant.parse("2026-03-11T07:00:00Z")));
        simulator.start(0);
        smtpPort = freePort();
        smtp = startSmtp();
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlEqualTo(WEBHOOK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        ledger = new LedgerProcess(home).with(database.environment())
                .with("LEDGER_API_URL", simulator.baseUrl()).with("LEDGER_API_TOKEN", "demo")
                .with("SPRING_MAIL_HOST", "127.0.0.1").with("SPRING_MAIL_PORT", String.valueOf(smtpPort))
                .with("SPRING_MAIL_USERNAME", SMTP_USER).with("SPRING_MAIL_PASSWORD", SMTP_PASSWORD)
                .with("SPRING_MAIL_PROPERTIES_MAIL_SMTP_AUTH", "true")
                .with("SPRING_MAIL_PROPERTIES_MAIL_SMTP_CONNECTIONTIMEOUT", "2000")
                .with("LEDGER_MAIL_FROM", "gpu-ledger@example.com")
                .with("LEDGER_MAIL_TO", "finance@example.com, ops@example.com");
        jdbc = database.jdbc();
    }

    @AfterEach
    void stop() {
        simulator.close();
        if (smtp != null) {
            smtp.stop();
        }
        receiver.stop();
    }

    @Test
    void theNightsMailSaysTheDaysNumbersAndCarriesAWorkbookThatOpens() throws Exception {
        // given: the night before, so that the day has costs and a day to compare with
        simulator.setNow(Instant.parse("2026-03-10T07:00:00Z"));
        assertThat(ledger.execute("run", "--date=" + D.minusDays(1)).exitCode()).isIn(0, 3);
        simulator.setNow(Instant.parse("2026-03-11T07:00:00Z"));

        // when
        LedgerProcess.Result run = ledger.execute("run", "--date=" + D);

        // then: one message, to both recipients, whose subject gives the day's total, month to date and reconciliation
        assertThat(run.exitCode()).as(run.err()).isIn(0, 3);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(4); // one message a night, one copy per recipient
        MimeMessage mail = null;
        for (MimeMessage message : received) {
            if (message.getSubject().startsWith("GPU cost " + D + ":")) {
                mail = message;
            }
        }
        assertThat(mail).isNotNull();
        BigDecimal total = jdbc.sql("SELECT SUM(cost_usd) FROM daily_instance_cost WHERE report_date = ?").param(D)
                .query(BigDecimal.class).single();
        BigDecimal monthToDate = jdbc.sql("SELECT SUM(cost_usd) FROM daily_instance_cost").query(BigDecimal.class).single();
        String status = jdbc.sql("SELECT status FROM account_reconciliation WHERE report_date = ?").param(D).query(String.class)
                .optional().orElse("not available");
        assertThat(mail.getSubject()).isEqualTo("GPU cost " + D + ": " + DayMail.usd(total) + " (MTD " + DayMail.usd(monthToDate)
                + "), reconciliation " + status);
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("finance@example.com", "ops@example.com");

        // and: a plain-text and an HTML part that say the same, the ten most expensive instances first
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        List<String> topTen = jdbc.sql("""
                SELECT instance_id FROM daily_instance_cost WHERE report_date = ? AND cost_usd IS NOT NULL
                ORDER BY cost_usd DESC, instance_id LIMIT 10""").param(D).query(String.class).list();
        assertThat(topTen).hasSize(10);
        for (String part : List.of(text, html)) {
            assertThat(part).contains("Total cost").contains(DayMail.usd(total)).contains("Month to date")
                    .contains("Forecast for the month (estimate)").contains("Account reconciliation")
                    .contains("Top 10 instances by cost").contains("Change against " + D.minusDays(1));
        }
        assertThat(text).containsSubsequence(topTen.toArray(String[]::new));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<table");
        // no allocation yet: the cost-center and budget parts are left out, not shown empty
        assertThat(text).doesNotContain("cost centers").doesNotContain("Budgets");

        // and: the attachment is the day's workbook, and it opens
        BodyPart attachment = attachment(mail);
        assertThat(attachment.getFileName()).isEqualTo("gpu-cost-" + D + ".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(attachment.getInputStream())) {
            assertThat(workbook.getSheet("Summary")).isNotNull();
            assertThat(workbook.getSheet("Instances").getLastRowNum()).isGreaterThan(10);
        }

        // and: the delivery is recorded, and no webhook was due on a good night
        assertThat(deliveries()).containsExactly("MAIL finance@example.com,ops@example.com SENT 1",
                "MAIL finance@example.com,ops@example.com SENT 1");
    }

    @Test
    void withAllocationTheMailShowsTheCostCentersAndTheBudgets() throws Exception {
        // given: every host allocated to research, and an account budget the day overruns
        java.nio.file.Files.writeString(home.resolve("allocation.yaml"), """
                rules:
                  - match: {host_name: "*"}
                    set: {cost_center: research, team: ml}
                budgets:
                  - account: true
                    monthly_usd: 1
                """);
        simulator.setNow(Instant.parse("2026-03-11T07:00:00Z"));

        // when
        LedgerProcess.Result run = ledger.execute("run", "--date=" + D);

        // then: the cost centers and the budget, as the reports give them
        assertThat(run.exitCode()).as(run.err()).isIn(0, 3);
        String text = part(smtp.getReceivedMessages()[0], "text/plain");
        assertThat(text).contains("Top 10 cost centers by cost").contains("research").contains("Budgets").contains("OVER");
    }

    @Test
    void aSentMailIsNeverSentTwiceUnlessAskedAgain() {
        // given: a delivered night
        assertThat(ledger.execute("run", "--date=" + D).exitCode()).isIn(0, 3);
        assertThat(smtp.getReceivedMessages()).hasSize(2);

        // when: the date is refreshed, then delivered by hand
        ledger.execute("run", "--date=" + D);
        LedgerProcess.Result deliver = ledger.execute("deliver", "--date=" + D);

        // then: nothing more was sent
        assertThat(deliver.exitCode()).as(deliver.err()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(deliveries()).containsExactly("MAIL finance@example.com,ops@example.com SENT 1");

        // when: asked again
        LedgerProcess.Result again = ledger.execute("deliver", "--date=" + D, "--again");

        // then: sent once more, and counted
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(4);
        assertThat(deliveries()).containsExactly("MAIL finance@example.com,ops@example.com SENT 2");
    }

    @Test
    void aMailServerThatIsDownCostsNoDataAndTheNextRunSendsTheMailOnceItIsBack() throws Exception {
        // given: the mail server is down for the night
        smtp.stop();
        smtp = null;

        // when
        LedgerProcess.Result night = ledger.execute("run", "--date=" + D);

        // then: the night's data and exit code are those of any night, the delivery is recorded as failed
        assertThat(night.exitCode()).as(night.err()).isIn(0, 3);
        assertThat(jdbc.sql("SELECT outcome FROM ledger_run WHERE command = 'run'").query(String.class).single())
                .isIn("SUCCEEDED", "DISCREPANCY");
        assertThat(deliveries()).containsExactly("MAIL finance@example.com,ops@example.com FAILED 1");
        assertThat(jdbc.sql("SELECT message FROM report_delivery").query(String.class).single()).contains("Mail");

        // when: the server is back, and the next night runs
        smtp = startSmtp();
        simulator.advance(java.time.Duration.ofHours(24));
        LedgerProcess.Result next = ledger.execute("run", "--date=" + D.plusDays(1));

        // then: the missed mail and the new one are sent, each once
        assertThat(next.exitCode()).as(next.err()).isIn(0, 3);
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            subjects.add(message.getSubject());
        }
        assertThat(subjects).hasSize(4);
        assertThat(subjects.stream().filter(subject -> subject.startsWith("GPU cost " + D + ":"))).hasSize(2);
        assertThat(subjects.stream().filter(subject -> subject.startsWith("GPU cost " + D.plusDays(1) + ":"))).hasSize(2);
        assertThat(deliveries()).containsExactly("MAIL finance@example.com,ops@example.com SENT 2",
                "MAIL finance@example.com,ops@example.com SENT 1");
    }

    @Test
    void deliverRetriesAFailedMailByHandAndFailsItselfWhileTheServerIsDown() {
        // given: a night whose mail failed
        smtp.stop();
        smtp = null;
        ledger.execute("run", "--date=" + D);

        // when: delivered by hand while the server is still down
        LedgerProcess.Result stillDown = ledger.execute("deliver", "--date=" + D);

        // then: exit 1, rerunning is safe
        assertThat(stillDown.exitCode()).isEqualTo(1);
        assertThat(deliveries()).containsExactly("MAIL finance@example.com,ops@example.com FAILED 2");

        // when: the server is back
        smtp = startSmtp();
        LedgerProcess.Result back = ledger.execute("deliver", "--date=" + D);

        // then
        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(deliveries()).containsExactly("MAIL finance@example.com,ops@example.com SENT 3");
    }

    @Test
    void aFailedNightAlertsTheWebhookOnceAndNoSecretIsLoggedAtTrace(CapturedOutput output) {
        // given: a provider that is not where the job looks (the run fails, exit 1), the webhook, every logger at TRACE
        ledger.with("LEDGER_ALERT_WEBHOOK_URL", receiver.baseUrl() + WEBHOOK_PATH)
                .with("LEDGER_API_URL", simulator.baseUrl() + "/nothing-here")
                .with("LOGGING_LEVEL_ROOT", "TRACE")
                .with("LOGGING_LEVEL_COM_GPULEDGER", "TRACE")
                .with("LOGGING_LEVEL_JDK_INTERNAL_HTTPCLIENT", "TRACE")
                .with("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_WEB_CLIENT", "TRACE")
                .with("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_HTTP", "TRACE")
                .with("LOGGING_LEVEL_ORG_ECLIPSE_ANGUS", "TRACE");

        // when
        LedgerProcess.Result run = ledger.execute("run", "--date=" + D);

        // then: a run that failed (exit 1) alerts the webhook, once, with a Slack-compatible text
        assertThat(run.exitCode()).isEqualTo(1);
        receiver.verify(1, postRequestedFor(urlEqualTo(WEBHOOK_PATH))
                .withRequestBody(matchingJsonPath("$.text", containing(
                        "gpu-ledger " + D + ": the run failed (exit 1)"))));
        assertThat(deliveries()).containsExactly("WEBHOOK " + receiver.baseUrl() + " SENT 1");

        // when: delivered by hand
        ledger.execute("deliver", "--date=" + D);

        // then: not again
        receiver.verify(1, postRequestedFor(urlEqualTo(WEBHOOK_PATH)));

        // and: neither the webhook's token nor the SMTP password is anywhere in what was logged or stored
        String everything = output.getAll() + run.out() + run.err();
        assertThat(everything).contains("TRACE").contains("WEBHOOK of " + D + " sent to " + receiver.baseUrl());
        assertNoSecret(everything);
        assertNoSecret(String.join("\n", jdbc.sql("SELECT target || ' ' || COALESCE(message, '') FROM report_delivery")
                .query(String.class).list()));
    }

    @Test
    void theMailAtTraceWithAuthenticationNeverLogsThePassword(CapturedOutput output) {
        // given: the mail client's own loggers at TRACE, authentication on
        ledger.with("LOGGING_LEVEL_ROOT", "TRACE").with("LOGGING_LEVEL_ORG_ECLIPSE_ANGUS", "TRACE")
                .with("LOGGING_LEVEL_JAKARTA_MAIL", "TRACE");

        // when
        LedgerProcess.Result run = ledger.execute("run", "--date=" + D);

        // then: the mail went out, authenticated, and the password is in no form in the output
        assertThat(run.exitCode()).as(run.err()).isIn(0, 3);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        String everything = output.getAll() + run.out() + run.err();
        assertThat(everything).contains("TRACE").contains("MAIL of " + D + " sent to");
        assertNoSecret(everything);
    }

    @Test
    void theWebhookDownIsRecordedAndRetriedByDeliver() {
        // given: a failing night and a receiver that answers 500
        receiver.stubFor(post(urlEqualTo(WEBHOOK_PATH)).willReturn(aResponse().withStatus(500)));
        ledger.with("LEDGER_ALERT_WEBHOOK_URL", receiver.baseUrl() + WEBHOOK_PATH)
                .with("LEDGER_API_URL", simulator.baseUrl() + "/nothing-here");

        // when
        LedgerProcess.Result run = ledger.execute("run", "--date=" + D);

        // then: the exit code is the run's own, the alert failed and is recorded without the URL's token
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(deliveries()).containsExactly("WEBHOOK " + receiver.baseUrl() + " FAILED 1");
        assertNoSecret(jdbc.sql("SELECT message FROM report_delivery").query(String.class).single());

        // when: the receiver is back
        receiver.stubFor(post(urlEqualTo(WEBHOOK_PATH)).willReturn(aResponse().withStatus(200)));
        LedgerProcess.Result deliver = ledger.execute("deliver", "--date=" + D);

        // then
        assertThat(deliver.exitCode()).as(deliver.err()).isZero();
        assertThat(deliveries()).containsExactly("WEBHOOK " + receiver.baseUrl() + " SENT 2");
        receiver.verify(2, postRequestedFor(urlEqualTo(WEBHOOK_PATH)));
    }

    @Test
    void deliverWithoutAChannelOrACompletedRunIsAUsageError() {
        LedgerProcess bare = new LedgerProcess(home).with(database(home).environment());
        assertThat(bare.execute("deliver", "--date=" + D).exitCode()).isEqualTo(64);
        assertThat(ledger.execute("deliver", "--date=" + D).exitCode()).isEqualTo(64);
        assertThat(ledger.execute("deliver").exitCode()).isEqualTo(64);
    }

    private static void assertNoSecret(String text) {
        String user = SMTP_USER;
        assertThat(text).doesNotContain(SMTP_PASSWORD)
                .doesNotContain(base64(SMTP_PASSWORD))
                .doesNotContain(base64("\0" + user + "\0" + SMTP_PASSWORD))
                .doesNotContain("hookPLANTEDx7Yq")
                .doesNotContain(WEBHOOK_PATH);
    }

    private List<String> deliveries() {
        return jdbc.sql("SELECT channel || ' ' || target || ' ' || status || ' ' || attempts FROM report_delivery ORDER BY report_date, channel")
                .query(String.class).list();
    }

    private GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.setUser(SMTP_USER, SMTP_PASSWORD);
        server.start();
        return server;
    }

    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static BodyPart attachment(MimeMessage mail) throws Exception {
        Multipart multipart = (Multipart) mail.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            if (Part.ATTACHMENT.equalsIgnoreCase(multipart.getBodyPart(i).getDisposition())) {
                return multipart.getBodyPart(i);
            }
        }
        throw new AssertionError("no attachment in " + GreenMailUtil.getWholeMessage(mail));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
