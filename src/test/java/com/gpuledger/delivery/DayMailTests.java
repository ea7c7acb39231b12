package com.gpuledger.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.gpuledger.report.AccountCheck;
import com.gpuledger.report.DailyReport;
import com.gpuledger.report.DailyTotal;
import com.gpuledger.report.FindingRow;
import com.gpuledger.report.InstanceCostRow;

/** What the mail and the alert say, from the report model alone. */
class DayMailTests {

    static final LocalDate D = LocalDate.parse("2026-11-24");

    @Test
    void anUnknownTotalReadsUnknownNeverZero() {
        // given: a day whose every cost is unknown (the first night: all baseline), no reconciliation
        DayDigest day = DayDigest.of(report(null, null, List.of(new DailyTotal(D.minusDays(1), usd("100.00"), 0, 5),
                new DailyTotal(D, null, 12, 12)), List.of(), List.of(instance("a", null), instance("b", null))), CostCenters.NONE);

        // when
        DayMail mail = DayMail.of(day, "gpu-cost-" + D + ".xlsx");

        // then
        assertThat(mail.subject()).isEqualTo("GPU cost 2026-11-24: unknown (MTD unknown), reconciliation not available");
        assertThat(mail.text()).contains("Total cost: unknown (2 instances with unknown cost)")
                .contains("Change against 2026-11-23: unknown (the day before: $100.00)")
                .contains("Month to date: unknown")
                .doesNotContain("$0.00")
                .doesNotContain("Top 10 instances");
        assertThat(mail.html()).contains("unknown").doesNotContain("$0.00");
    }

    @Test
    void amountsAreRoundedToTheCentForReadingOnly() {
        assertThat(DayMail.usd(usd("1234.565"))).isEqualTo("$1,234.57");
        assertThat(DayMail.usd(usd("-0.5"))).isEqualTo("-$0.50");
        assertThat(DayMail.usd(usd("0.00499999"))).isEqualTo("$0.00");
        assertThat(DayMail.change(usd("110"), new DailyTotal(D.minusDays(1), usd("100"), 0, 5))).isEqualTo("+$10.00 (+10.0 %) against $100.00");
        assertThat(DayMail.change(usd("90"), new DailyTotal(D.minusDays(1), usd("100"), 0, 5))).isEqualTo("-$10.00 (-10.0 %) against $100.00");
        assertThat(DayMail.change(usd("90"), null)).isEqualTo("no data for the day before");
    }

    @Test
    void theTopTenAreTheMostExpensiveKnownCostsAndTextFromTheProviderIsEscaped() {
        // given: twelve instances, one named like markup, one of unknown cost
        List<InstanceCostRow> instances = new java.util.ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            instances.add(instance("i-" + i, usd(String.valueOf(i))));
        }
        instances.add(instance("<script>alert(1)</script>", usd("50")));
        instances.add(instance("unknown-one", null));
        DayDigest day = DayDigest.of(report(usd("116"), account("FAIL"), List.of(new DailyTotal(D, usd("116"), 1, 13)),
                List.of(finding("ERROR", "CHARGE_WITHOUT_USAGE"), finding("WARN", "RATE_CHANGED"), finding("INFO", "NEW_INSTANCE")),
                instances), CostCenters.NONE);

        // when
        DayMail mail = DayMail.of(day, "gpu-cost-" + D + ".xlsx");

        // then: the ten highest, highest first; the unknown one is not among them
        assertThat(day.topInstances()).extracting(InstanceCostRow::instanceId).containsExactly("<script>alert(1)</script>",
                "i-11", "i-10", "i-9", "i-8", "i-7", "i-6", "i-5", "i-4", "i-3");
        assertThat(mail.html()).contains("&lt;script&gt;").doesNotContain("<script>");
        // and: the WARN and ERROR findings, not the INFO ones
        assertThat(mail.text()).contains("WARN and ERROR findings (2)").contains("CHARGE_WITHOUT_USAGE").contains("RATE_CHANGED")
                .doesNotContain("NEW_INSTANCE");
        assertThat(mail.subject()).endsWith("reconciliation FAIL");
    }

    @Test
    void costCentersAndBudgetsShowWhenAllocationGivesThem() {
        CostCenters allocation = new CostCenters() {
            @Override
            public List<CostCenterCost> top(LocalDate reportDate, int limit) {
                return List.of(new CostCenterCost("research", usd("80"), 0, usd("800")), new CostCenterCost("unallocated", null, 3, null));
            }

            @Override
            public List<BudgetStatus> budgets(LocalDate reportDate) {
                return List.of(new BudgetStatus("research", usd("1000"), usd("800"), usd("1200"), "WARN"));
            }
        };
        DayDigest day = DayDigest.of(report(usd("80"), null, List.of(), List.of(), List.of()), allocation);

        String text = DayMail.of(day, "x.xlsx").text();

        assertThat(text).contains("Budgets").contains("research | $1,000.00 | $800.00 | $1,200.00 | WARN")
                .contains("Top 10 cost centers by cost").contains("research | $80.00 | $800.00")
                .contains("unallocated | unknown (3 unknown) | unknown");
    }

    @Test
    void theAlertIsDueForAFailAnErrorABudgetFindingOrExitOneOrTwoAndOnlyThen() {
        DayDigest quiet = DayDigest.of(report(usd("1"), account("WARN"), List.of(), List.of(finding("WARN", "RATE_CHANGED")),
                List.of()), CostCenters.NONE);
        DayDigest budget = DayDigest.of(report(usd("1"), account("OK"), List.of(), List.of(finding("WARN", "BUDGET_EXCEEDED")),
                List.of()), CostCenters.NONE);
        DayDigest failed = DayDigest.of(report(usd("1"), account("FAIL"), List.of(), List.of(), List.of()), CostCenters.NONE);
        WebhookChannel webhook = new WebhookChannel(null, null, "https://hooks.example.com");

        assertThat(webhook.due(occasion(0, quiet))).isFalse();
        assertThat(webhook.due(occasion(3, quiet))).isFalse();
        assertThat(webhook.due(occasion(0, budget))).isTrue();
        assertThat(webhook.due(occasion(3, failed))).isTrue();
        assertThat(webhook.due(occasion(2, quiet))).isTrue();
        assertThat(webhook.due(occasion(1, null))).isTrue();
        assertThat(WebhookChannel.text(occasion(3, failed))).startsWith("gpu-ledger 2026-11-24: account reconciliation FAIL. Total $1.00");
        assertThat(WebhookChannel.text(occasion(0, budget))).contains("1 budget finding").contains("BUDGET_EXCEEDED");
    }

    @Test
    void theProvidersWordsCannotMentionTheChannelNorPlantALinkInTheAlert() {
        // given: a failed run whose message carries the provider's, with a mention, a link and an entity
        String providerMessage = "<!channel> <https://evil.example/login|Re-authenticate here> &amp; " + "x".repeat(1000);
        DeliveryOccasion failed = new DeliveryOccasion(D, 1, "cannot read the list /computing/instances: provider answered status "
                + "'error': \"" + providerMessage + "\"", null, null);

        // when
        String text = WebhookChannel.text(failed);

        // then: mrkdwn shows it as written, no mention, no link, and cut to a bound
        assertThat(text).doesNotContain("<").doesNotContain(">")
                .contains("&lt;!channel&gt; &lt;https://evil.example/login|Re-authenticate here&gt; &amp;amp; xxx");
        assertThat(text.length()).isLessThan(DayDigest.MAX_DETAIL + 200);
    }

    private static DeliveryOccasion occasion(int exitCode, DayDigest day) {
        return new DeliveryOccasion(D, exitCode, exitCode == 0 ? null : "what the run said", day, null);
    }

    private static DailyReport report(BigDecimal total, AccountCheck account, List<DailyTotal> days, List<FindingRow> findings,
                                      List<InstanceCostRow> instances) {
        int unknown = (int) instances.stream().filter(instance -> instance.costUsd() == null).count();
        return new DailyReport(D, ZoneId.of("America/New_York"), null, null, 1L, "test", "acct", "", total, unknown, total, total,
                "LINEAR", Map.of(), Map.of(), account, List.of(), List.of(), List.of(), instances::forEach, findings, days, null);
    }

    private static AccountCheck account(String status) {
        return new AccountCheck(null, null, usd("1"), usd("1"), usd("0"), usd("0.01"), status, "reason of " + status);
    }

    private static FindingRow finding(String severity, String kind) {
        return new FindingRow(D, "INSTANCE", "i-1", kind, severity, null, null, null, kind + " detail");
    }

    private static InstanceCostRow instance(String id, BigDecimal cost) {
        return new InstanceCostRow(D, id, "host-" + id, "US-EAST", "type", "H100", 1, "Running", null, null, null, null, null,
                cost == null ? "BASELINE" : "DELTA", null, cost, null, null, null, null);
    }

    private static BigDecimal usd(String value) {
        return new BigDecimal(value);
    }
}
