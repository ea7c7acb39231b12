package com.gpuledger.report;

import static com.gpuledger.report.ReportFixtures.readCsv;
import static com.gpuledger.report.ReportFixtures.readCsvRows;
import static com.gpuledger.report.ReportFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.gpuledger.report.focus.FocusValidator;
import com.gpuledger.report.focus.FocusVersion;

/** The published {@code focus-D.csv} of the report fixtures: its columns, its values and what the validator says of it. */
class FocusReportTests {

    static final List<String> COLUMNS_1_2 = List.of("BilledCost", "EffectiveCost", "ListCost", "ContractedCost",
            "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd",
            "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency",
            "InvoiceIssuerName", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "ServiceCategory",
            "ServiceSubcategory", "ServiceName", "ResourceId", "ResourceName", "ResourceType", "RegionId", "RegionName", "SkuId",
            "SkuPriceId", "SkuMeter", "SkuPriceDetails", "ConsumedQuantity", "ConsumedUnit", "ListUnitPrice", "Tags",
            "x_ReportDate", "x_CostBasis", "x_GpuModel", "x_GpuCount", "x_InstancePricePerHour");

    @TempDir
    Path reportsDir;

    private Path publish(DailyReport report) throws IOException {
        new ReportPublisher(reportsDir).publish(report);
        return reportsDir.resolve(report.reportDate() + "/focus-" + report.reportDate() + ".csv");
    }

    @Test
    void columnsAreTheFocusOnesThenTheCustomOnes() throws IOException {
        assertThat(readCsv(publish(ReportFixtures.daily())).get(0)).containsExactlyElementsOf(COLUMNS_1_2);
    }

    @Test
    void version13AddsServiceAndHostProviderAndKeepsTheDeprecatedProviderColumns() throws IOException {
        Path focus = publish(ReportFixtures.daily(ReportFixtures.instances(), FocusVersion.V1_3));
        List<String> expected = new ArrayList<>(COLUMNS_1_2);
        expected.addAll(expected.indexOf("PublisherName") + 1, List.of("ServiceProviderName", "HostProviderName"));
        assertThat(readCsv(focus).get(0)).containsExactlyElementsOf(expected);
        assertThat(readCsvRows(focus)).allSatisfy(row -> assertThat(row).containsEntry("ServiceProviderName", "Nebula Block")
                .containsEntry("HostProviderName", "Nebula Block").containsEntry("ProviderName", "Nebula Block"));
    }

    @Test
    void onlyInstancesWithAKnownCostHaveARow() throws IOException {
        assertThat(readCsvRows(publish(ReportFixtures.daily()))).extracting(row -> row.get("ResourceId"))
                .containsExactly("i-1", "i-2", "i-5", "i-6");
    }

    @Test
    void aPriceUnknownForItsWholeSkuPriceTakesTheSpecsNullPricePathAndIsTheOneRuleLeftBroken() throws IOException {
        // given: i-5's price is unknown and no other charged instance of its SKU price has one
        Path focus = publish(ReportFixtures.daily());

        // then: ListCost and ContractedCost are its BilledCost (the rule for a null ListUnitPrice), nothing is invented
        Map<String, String> row = readCsvRows(focus).get(2);
        assertThat(row).containsEntry("ResourceId", "i-5").containsEntry("ListUnitPrice", "").containsEntry("BilledCost", "1000.0000")
                .containsEntry("ListCost", "1000.0000").containsEntry("ContractedCost", "1000.0000");
        // and: the one MUST it cannot keep, ListUnitPrice not null for Usage, is what the validator reports, for that row alone
        assertThat(FocusValidator.validate(focus)).extracting(Object::toString)
                .containsExactly("ListUnitPrice.notNullForUsage: row 3 (ResourceId i-5)");
        assertThat(FocusValidator.validate(publish(ReportFixtures.daily(ReportFixtures.instances(), FocusVersion.V1_3))))
                .extracting(Object::toString).containsExactly("ListUnitPrice.notNullForUsage: row 3 (ResourceId i-5)",
                        "ListUnitPrice.notNullWithSkuPriceId: row 3 (ResourceId i-5)");
    }

    @Test
    void valuesFollowTheMapping() throws IOException {
        Map<String, String> row = readCsvRows(publish(ReportFixtures.daily())).get(0);
        assertThat(row).containsEntry("BilledCost", "575.0400").containsEntry("EffectiveCost", "575.0400")
                .containsEntry("ListUnitPrice", "23.9600").containsEntry("PricingQuantity", "24.0000")
                .containsEntry("ConsumedQuantity", "24.0000").containsEntry("ListCost", "575.0400")
                .containsEntry("ContractedCost", "575.0400").containsEntry("PricingUnit", "Hours").containsEntry("ConsumedUnit", "Hours")
                .containsEntry("BillingAccountId", "acct-7").containsEntry("BillingAccountName", "=Finance \"Team\"")
                .containsEntry("BillingCurrency", "USD")
                // November in New York: EDT ended on the 1st at 06:00 UTC, so the month starts at 04:00 UTC
                .containsEntry("BillingPeriodStart", "2026-11-01T04:00:00Z").containsEntry("BillingPeriodEnd", "2026-12-01T05:00:00Z")
                .containsEntry("ChargePeriodStart", "2026-11-24T05:00:00Z").containsEntry("ChargePeriodEnd", "2026-11-25T05:00:00Z")
                .containsEntry("ChargeCategory", "Usage").containsEntry("ChargeClass", "").containsEntry("ChargeFrequency", "Usage-Based")
                .containsEntry("ChargeDescription", "H100-80G-SXM x8 in US-EAST, 24.0000 h")
                .containsEntry("InvoiceIssuerName", "Nebula Block").containsEntry("ProviderName", "Nebula Block")
                .containsEntry("PublisherName", "Nebula Block").containsEntry("ServiceCategory", "Compute")
                .containsEntry("ServiceSubcategory", "Virtual Machines")
                .containsEntry("ServiceName", "GPU Instances").containsEntry("ResourceId", "i-1").containsEntry("ResourceName", "gpu-node-1")
                .containsEntry("ResourceType", "Virtual Machine").containsEntry("RegionId", "US-EAST").containsEntry("RegionName", "US-EAST")
                .containsEntry("SkuId", "H100-80G-SXM x8").containsEntry("SkuPriceId", "US-EAST/H100-80G-SXM x8")
                .containsEntry("SkuMeter", "Instance Hours").containsEntry("SkuPriceDetails", "{\"GpuCount\":8,\"x_GpuModel\":\"H100-80G-SXM\"}")
                .containsEntry("Tags", "{\"nebulablock/gpu_model\":\"H100-80G-SXM\",\"nebulablock/gpu_count\":\"8\",\"nebulablock/status\":\"Running\",\"cost_center\":\"unallocated\"}")
                .containsEntry("x_ReportDate", "2026-11-24").containsEntry("x_CostBasis", "DELTA")
                .containsEntry("x_GpuModel", "H100-80G-SXM").containsEntry("x_GpuCount", "8")
                .containsEntry("x_InstancePricePerHour", "23.9600");
    }

    @Test
    void listCostIsUnitPriceTimesQuantityExactly() throws IOException {
        // 0.08230453 x 1.5 keeps all 9 decimals of the product
        assertThat(readCsvRows(publish(ReportFixtures.daily())).get(1)).containsEntry("ListCost", "0.123456795")
                .containsEntry("BilledCost", "0.12345678").containsEntry("ContractedCost", "0.12345678");
    }

    @Test
    void textIsKeptAsItCameForTheToolsThatReadIt() throws IOException {
        Map<String, String> row = readCsvRows(publish(ReportFixtures.daily())).get(1);
        assertThat(row).containsEntry("ResourceName", ReportFixtures.HYPERLINK).containsEntry("RegionId", "+1")
                .containsEntry("SkuId", "@SUM(A1) x1").containsEntry("SkuPriceId", "+1/@SUM(A1) x1")
                .containsEntry("ChargeDescription", "@SUM(A1) x1 in +1, 1.5000 h").containsEntry("ResourceType", "Bare Metal")
                .containsEntry("Tags", "{\"nebulablock/gpu_model\":\"@SUM(A1)\",\"nebulablock/gpu_count\":\"1\",\"nebulablock/status\":\"\\tfoo\",\"cost_center\":\"unallocated\"}");
        assertThat(readCsvRows(publish(ReportFixtures.daily())).get(2)).containsEntry("ResourceName", "node \"five\", eu");
    }

    @Test
    void aCpuOnlyInstanceIsItsCoresSku() throws IOException {
        assertThat(readCsvRows(publish(ReportFixtures.daily())).get(3)).containsEntry("SkuId", "CPU-2")
                .containsEntry("SkuPriceId", "EU-NORTH/CPU-2").containsEntry("SkuPriceDetails", "{\"CoreCount\":2}")
                .containsEntry("ChargeDescription", "CPU-2 in EU-NORTH, 0.0001 h").containsEntry("ResourceName", "-cpu-box")
                .containsEntry("BilledCost", "0.00000001");
    }

    @Test
    void aSkuPriceIdCarriesOnePriceAndLendsItToAnInstanceThatSentNone() throws IOException {
        // given: three instances of one SKU price, the deleted one's last snapshot still at an older price, and one with no price
        List<InstanceCostRow> rows = List.of(priced("i-a", "23.96"), priced("i-b", "23.96"), priced("i-c", "23.50"),
                priced("i-d", null));

        // when
        Path focus = publish(ReportFixtures.daily(rows, FocusVersion.V1_2));

        // then: the price most of them showed is the SKU price's list price; each instance's own is kept in x_
        assertThat(readCsvRows(focus)).extracting(row -> row.get("ListUnitPrice")).containsOnly("23.9600");
        assertThat(readCsvRows(focus)).extracting(row -> row.get("x_InstancePricePerHour"))
                .containsExactly("23.9600", "23.9600", "23.5000", "");
        assertThat(readCsvRows(focus).get(3)).containsEntry("ListCost", "23.9600");
        assertThat(FocusValidator.validate(focus)).isEmpty();
    }

    @Test
    void aChargePeriodCrossingTheMonthsEndIsSplitExactlyAtTheBoundary() throws IOException {
        // given: the last night of November, 02:00 to 02:00 in New York, so its last two hours are December's
        InstanceCostRow row = new InstanceCostRow(java.time.LocalDate.of(2026, 11, 30), "i-x", "host", "US-EAST", "GPU",
                "L40S", 1, "Running", null, Instant.parse("2026-11-30T07:00:00Z"), Instant.parse("2026-12-01T07:00:00Z"),
                usd("100"), usd("200"), "DELTA", usd("24.00000000"), usd("24.00000001"), usd("1.00000000"), null, null, 12);
        DailyReport report = ReportFixtures.daily(List.of(row), FocusVersion.V1_2);
        DailyReport day = new DailyReport(row.reportDate(), report.businessTimeZone(), report.periodStart(), report.periodEnd(),
                report.runId(), report.appVersion(), report.billingAccountId(), report.billingAccountName(), report.totalCostUsd(),
                report.unknownCostCount(), report.monthToDateUsd(), report.forecastMonthUsd(), report.forecastMethod(), report.countsByBasis(),
                report.findingsBySeverity(), report.account(), report.byRegion(), report.byGpuType(), report.byRegionGpuType(),
                report.instances(), report.findings(), report.last30Days(), report.focus());

        // when
        List<Map<String, String>> rows = readCsvRows(publish(day));

        // then: 22 hours in November's billing period, 2 in December's, the parts summing to the day's cost and hours
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("ChargePeriodStart", "2026-11-30T07:00:00Z").containsEntry("ChargePeriodEnd", "2026-12-01T05:00:00Z")
                .containsEntry("BillingPeriodStart", "2026-11-01T04:00:00Z").containsEntry("BillingPeriodEnd", "2026-12-01T05:00:00Z")
                .containsEntry("BilledCost", "22.00000001").containsEntry("PricingQuantity", "22.0000").containsEntry("ListCost", "22.0000");
        assertThat(rows.get(1)).containsEntry("ChargePeriodStart", "2026-12-01T05:00:00Z").containsEntry("ChargePeriodEnd", "2026-12-01T07:00:00Z")
                .containsEntry("BillingPeriodStart", "2026-12-01T05:00:00Z").containsEntry("BillingPeriodEnd", "2027-01-01T05:00:00Z")
                .containsEntry("BilledCost", "2.0000").containsEntry("PricingQuantity", "2.0000").containsEntry("x_ReportDate", "2026-11-30");
        assertThat(sum(rows, "BilledCost")).isEqualByComparingTo("24.00000001");
        assertThat(sum(rows, "PricingQuantity")).isEqualByComparingTo("24");
        assertThat(FocusValidator.validate(reportsDir.resolve("2026-11-30/focus-2026-11-30.csv"))).isEmpty();
    }

    private static InstanceCostRow priced(String id, String price) {
        return new InstanceCostRow(ReportFixtures.DATE, id, "host-" + id, "US-EAST", "GPU", "H100-80G-SXM", 8, "Running", null,
                ReportFixtures.PERIOD_START, ReportFixtures.PERIOD_END, usd("100"), usd("2400"), "DELTA", usd("1"), usd("23.96"),
                price == null ? null : usd(price), null, null, 192);
    }

    private static BigDecimal sum(List<Map<String, String>> rows, String column) {
        return rows.stream().map(row -> new BigDecimal(row.get(column))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
