package com.gpuledger.report;

import static com.gpuledger.report.ReportColumn.freeText;
import static com.gpuledger.report.ReportColumn.hours;
import static com.gpuledger.report.ReportColumn.instant;
import static com.gpuledger.report.ReportColumn.money;
import static com.gpuledger.report.ReportColumn.text;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The FOCUS 1.2 cost-and-usage columns of {@code focus-D.csv}: one {@code Usage} row per instance with a known cost.
 * Amounts go through the same formatter as every other report amount; {@code ListCost} is the exact product of the
 * unit price and the hours, at full scale.
 */
final class FocusColumns {

    static final String PROVIDER = "Nebula Block";

    static final String DEFAULT_RESOURCE_TYPE = "Virtual Machine";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FocusColumns() {
    }

    /** Whether a row belongs in the FOCUS file: a charge exists only where the cost is known. */
    static boolean hasCharge(InstanceCostRow row) {
        return row.costUsd() != null;
    }

    static List<ReportColumn<InstanceCostRow>> of(DailyReport report) {
        ZoneId zone = report.businessTimeZone();
        YearMonth month = YearMonth.from(report.reportDate());
        Instant billingPeriodStart = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant billingPeriodEnd = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        return List.of(
                money("BilledCost", InstanceCostRow::costUsd),
                money("EffectiveCost", InstanceCostRow::costUsd),
                money("ListCost", FocusColumns::listCost),
                money("ContractedCost", FocusColumns::listCost),
                freeText("BillingAccountId", row -> report.billingAccountId()),
                freeText("BillingAccountName", row -> report.billingAccountName()),
                text("BillingCurrency", row -> "USD"),
                instant("BillingPeriodStart", row -> billingPeriodStart),
                instant("BillingPeriodEnd", row -> billingPeriodEnd),
                instant("ChargePeriodStart", InstanceCostRow::periodStart),
                instant("ChargePeriodEnd", InstanceCostRow::periodEnd),
                text("ChargeCategory", row -> "Usage"),
                // null: these rows are not corrections of a previous period
                text("ChargeClass", row -> null),
                freeText("ChargeDescription", FocusColumns::description),
                text("InvoiceIssuerName", row -> PROVIDER),
                hours("PricingQuantity", InstanceCostRow::hours),
                text("PricingUnit", row -> "Hours"),
                text("ProviderName", row -> PROVIDER),
                text("PublisherName", row -> PROVIDER),
                text("ServiceCategory", row -> "Compute"),
                text("ServiceName", row -> "GPU Instances"),
                text("ResourceId", InstanceCostRow::instanceId),
                freeText("ResourceName", InstanceCostRow::hostName),
                freeText("ResourceType", row -> row.resourceType() == null ? DEFAULT_RESOURCE_TYPE : row.resourceType()),
                freeText("RegionId", InstanceCostRow::region),
                freeText("RegionName", InstanceCostRow::region),
                freeText("SkuId", row -> row.region() + "/" + row.gpuType() + "/" + row.gpuCount()),
                hours("ConsumedQuantity", InstanceCostRow::hours),
                text("ConsumedUnit", row -> "Hours"),
                money("ListUnitPrice", InstanceCostRow::pricePerHour),
                text("Tags", FocusColumns::tags));
    }

    /** Unit price x hours, exact (a BigDecimal product keeps full scale); unknown when either factor is. */
    static BigDecimal listCost(InstanceCostRow row) {
        return row.pricePerHour() == null || row.hours() == null ? null : row.pricePerHour().multiply(row.hours());
    }

    /** E.g. {@code H100-80G-SXM x8 in US-EAST, 24.0000 h}; a CPU-only instance is named by its instance type. */
    static String description(InstanceCostRow row) {
        boolean gpus = row.gpuCount() != null && row.gpuCount() > 0;
        String what = gpus ? row.gpuType() + " x" + row.gpuCount()
                : row.instanceType() != null ? row.instanceType() : row.gpuType();
        return what + " in " + row.region() + (row.hours() == null ? "" : ", " + ReportValues.amount(row.hours()) + " h");
    }

    /**
     * A flat JSON object of strings; keys with no value are left out rather than written as null. The allocation's
     * user-defined keys come from {@link CostAllocation#tags()}.
     */
    static String tags(InstanceCostRow row) {
        Map<String, String> tags = new LinkedHashMap<>();
        putIfPresent(tags, "gpu_model", row.gpuType());
        putIfPresent(tags, "gpu_count", row.gpuCount() == null ? null : row.gpuCount().toString());
        putIfPresent(tags, "status", row.status());
        tags.putAll(row.allocation().tags());
        return JSON.writeValueAsString(tags);
    }

    private static void putIfPresent(Map<String, String> tags, String key, String value) {
        if (value != null) {
            tags.put(key, value);
        }
    }
}
