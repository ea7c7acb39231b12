package com.gpuledger.report;

import static com.gpuledger.report.ReportFixtures.readCsv;
import static com.gpuledger.report.ReportFixtures.readCsvRows;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FocusReportTests {

    static final List<String> COLUMNS = List.of("BilledCost", "EffectiveCost", "ListCost", "ContractedCost",
            "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd",
            "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "ChargeClass", "ChargeDescription", "InvoiceIssuerName",
            "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "ServiceCategory", "ServiceName", "ResourceId",
            "ResourceName", "ResourceType", "RegionId", "RegionName", "SkuId", "ConsumedQuantity", "ConsumedUnit",
            "ListUnitPrice", "Tags");

    static final List<String> MANDATORY = List.of("BilledCost", "EffectiveCost", "BillingAccountId", "BillingCurrency",
            "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory",
            "ChargeDescription", "InvoiceIssuerName", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName",
            "ServiceCategory", "ServiceName", "ResourceId", "RegionId", "RegionName", "SkuId", "ConsumedQuantity", "ConsumedUnit",
            "Tags");

    static final List<String> DATE_TIMES = List.of("BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd");

    static final List<String> NUMBERS = List.of("BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "PricingQuantity",
            "ConsumedQuantity", "ListUnitPrice");

    @TempDir
    Path reportsDir;

    Path focus;

    @BeforeEach
    void publish() throws IOException {
        new ReportPublisher(reportsDir).publish(ReportFixtures.daily());
        focus = reportsDir.resolve("2026-11-24/focus-2026-11-24.csv");
    }

    @Test
    void columnsArePresentInOrder() throws IOException {
        assertThat(readCsv(focus).get(0)).containsExactlyElementsOf(COLUMNS);
    }

    @Test
    void onlyInstancesWithAKnownCostHaveARow() throws IOException {
        assertThat(readCsvRows(focus)).extracting(row -> row.get("ResourceId")).containsExactly("i-1", "i-2", "i-5", "i-6");
    }

    @Test
    void mandatoryValuesArePresent() throws IOException {
        for (Map<String, String> row : readCsvRows(focus)) {
            for (String column : MANDATORY) {
                assertThat(row.get(column)).as("%s of %s", column, row.get("ResourceId")).isNotEmpty();
            }
            if (!row.get("ListUnitPrice").isEmpty()) {
                assertThat(row.get("ListCost")).as("ListCost of %s", row.get("ResourceId")).isNotEmpty();
                assertThat(row.get("ContractedCost")).as("ContractedCost of %s", row.get("ResourceId")).isNotEmpty();
            }
        }
    }

    @Test
    void dateTimesAreUtcToTheSecondAndNumbersPlainDecimals() throws IOException {
        for (Map<String, String> row : readCsvRows(focus)) {
            for (String column : DATE_TIMES) {
                assertThat(row.get(column)).as(column).matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$");
            }
            for (String column : NUMBERS) {
                assertThat(row.get(column)).as(column).matches("^(-?\\d+\\.\\d{4,})?$");
            }
        }
    }

    @Test
    void valuesFollowTheMapping() throws IOException {
        Map<String, String> row = readCsvRows(focus).get(0);
        assertThat(row).containsEntry("BilledCost", "575.0400").containsEntry("EffectiveCost", "575.0400")
                .containsEntry("ListUnitPrice", "23.9600").containsEntry("PricingQuantity", "24.0000")
                .containsEntry("ConsumedQuantity", "24.0000").containsEntry("ListCost", "575.0400")
                .containsEntry("ContractedCost", "575.0400").containsEntry("PricingUnit", "Hours").containsEntry("ConsumedUnit", "Hours")
                .containsEntry("BillingAccountId", "acct-7").containsEntry("BillingAccountName", "'=Finance \"Team\"")
                .containsEntry("BillingCurrency", "USD")
                // November in New York: EDT ended on the 1st at 06:00 UTC, so the month starts at 04:00 UTC
                .containsEntry("BillingPeriodStart", "2026-11-01T04:00:00Z").containsEntry("BillingPeriodEnd", "2026-12-01T05:00:00Z")
                .containsEntry("ChargePeriodStart", "2026-11-24T05:00:00Z").containsEntry("ChargePeriodEnd", "2026-11-25T05:00:00Z")
                .containsEntry("ChargeCategory", "Usage").containsEntry("ChargeClass", "")
                .containsEntry("ChargeDescription", "H100-80G-SXM x8 in US-EAST, 24.0000 h")
                .containsEntry("InvoiceIssuerName", "Nebula Block").containsEntry("ProviderName", "Nebula Block")
                .containsEntry("PublisherName", "Nebula Block").containsEntry("ServiceCategory", "Compute")
                .containsEntry("ServiceName", "GPU Instances").containsEntry("ResourceId", "i-1").containsEntry("ResourceName", "gpu-node-1")
                .containsEntry("ResourceType", "Virtual Machine").containsEntry("RegionId", "US-EAST").containsEntry("RegionName", "US-EAST")
                .containsEntry("SkuId", "US-EAST/H100-80G-SXM/8");
    }

    @Test
    void listCostIsUnitPriceTimesQuantityExactly() throws IOException {
        for (Map<String, String> row : readCsvRows(focus)) {
            if (row.get("ListUnitPrice").isEmpty()) {
                assertThat(row.get("ListCost")).isEmpty();
                assertThat(row.get("ContractedCost")).isEmpty();
                continue;
            }
            BigDecimal product = new BigDecimal(row.get("ListUnitPrice")).multiply(new BigDecimal(row.get("PricingQuantity")));
            assertThat(new BigDecimal(row.get("ListCost"))).as(row.get("ResourceId")).isEqualByComparingTo(product);
            assertThat(row.get("ContractedCost")).isEqualTo(row.get("ListCost"));
        }
        // 0.08230453 x 1.5 keeps all 9 decimals of the product
        assertThat(readCsvRows(focus).get(1)).containsEntry("ListCost", "0.123456795");
    }

    @Test
    void freeTextIsNeutralisedAndTagsAreAFlatJsonObject() throws IOException {
        Map<String, String> row = readCsvRows(focus).get(1);
        assertThat(row).containsEntry("ResourceName", "'=HYPERLINK(\"x\")").containsEntry("RegionId", "'+1")
                .containsEntry("SkuId", "'+1/@SUM(A1)/1").containsEntry("ChargeDescription", "'@SUM(A1) x1 in +1, 1.5000 h")
                .containsEntry("ResourceType", "Bare Metal").containsEntry("BilledCost", "0.12345678");
        JsonNode tags = JsonMapper.builder().build().readTree(row.get("Tags"));
        assertThat(tags.isObject()).isTrue();
        assertThat(tags.properties()).allSatisfy(entry -> assertThat(entry.getValue().isString()).isTrue());
        assertThat(tags.get("gpu_model").asString()).isEqualTo("@SUM(A1)");
        assertThat(tags.get("gpu_count").asString()).isEqualTo("1");
        assertThat(tags.get("status").asString()).isEqualTo("\tfoo");
        assertThat(readCsvRows(focus).get(0).get("Tags")).isEqualTo(
                "{\"gpu_model\":\"H100-80G-SXM\",\"gpu_count\":\"8\",\"status\":\"Running\",\"cost_center\":\"unallocated\"}");
    }

    @Test
    void aCpuOnlyInstanceIsDescribedByItsType() throws IOException {
        assertThat(readCsvRows(focus).get(3)).containsEntry("ChargeDescription", "'-2 CPU in EU-NORTH, 0.0001 h")
                .containsEntry("BilledCost", "0.00000001");
    }
}
