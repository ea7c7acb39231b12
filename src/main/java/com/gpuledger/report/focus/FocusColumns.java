package com.gpuledger.report.focus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.gpuledger.report.DailyReport;
import com.gpuledger.report.InstanceCostRow;
import com.gpuledger.report.ReportValues;

import tools.jackson.databind.json.JsonMapper;

/**
 * The columns of {@code focus-D.csv}: every Mandatory FOCUS column, the Conditional ones that apply to a GPU cloud
 * billed by the hour, the Recommended {@code ChargeFrequency} and {@code ServiceSubcategory}, then the custom
 * {@code x_} columns finance asked for. Values are the originals: no text is altered for spreadsheets.
 */
final class FocusColumns {

    static final String PROVIDER = "Nebula Block";
    static final String DEFAULT_RESOURCE_TYPE = "Virtual Machine";
    static final String CURRENCY = "USD";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FocusColumns() {
    }

    static List<FocusColumn> of(DailyReport report, FocusVersion version, SkuPrices prices) {
        Function<FocusCharge, BigDecimal> listUnitPrice = charge -> prices.listUnitPrice(skuPriceId(charge.instance()),
                charge.instance().pricePerHour());
        List<FocusColumn> columns = new ArrayList<>(List.of(
                money("BilledCost", FocusCharge::cost),
                money("EffectiveCost", FocusCharge::cost),
                money("ListCost", charge -> listCost(listUnitPrice.apply(charge), charge)),
                // no negotiated rates (no ContractedUnitPrice): ContractedCost is BilledCost
                money("ContractedCost", FocusCharge::cost),
                text("BillingAccountId", charge -> report.billingAccountId()),
                text("BillingAccountName", charge -> report.billingAccountName()),
                text("BillingCurrency", charge -> CURRENCY),
                instant("BillingPeriodStart", FocusCharge::billingStart),
                instant("BillingPeriodEnd", FocusCharge::billingEnd),
                instant("ChargePeriodStart", FocusCharge::chargeStart),
                instant("ChargePeriodEnd", FocusCharge::chargeEnd),
                text("ChargeCategory", charge -> "Usage"),
                // null: these rows are not corrections of a previously invoiced period
                text("ChargeClass", charge -> null),
                text("ChargeDescription", FocusColumns::description),
                text("ChargeFrequency", charge -> "Usage-Based"),
                text("InvoiceIssuerName", charge -> PROVIDER),
                money("PricingQuantity", FocusCharge::hours),
                text("PricingUnit", charge -> charge.hours() == null ? null : "Hours"),
                text("ProviderName", charge -> PROVIDER),
                text("PublisherName", charge -> PROVIDER)));
        if (version == FocusVersion.V1_3) {
            columns.add(text("ServiceProviderName", charge -> PROVIDER));
            // the provider runs its own machines and names no other host
            columns.add(text("HostProviderName", charge -> PROVIDER));
        }
        columns.addAll(List.of(
                text("ServiceCategory", charge -> "Compute"),
                text("ServiceSubcategory", charge -> "Virtual Machines"),
                text("ServiceName", charge -> "GPU Instances"),
                text("ResourceId", charge -> charge.instance().instanceId()),
                text("ResourceName", charge -> charge.instance().hostName()),
                text("ResourceType", charge -> charge.instance().resourceType() == null ? DEFAULT_RESOURCE_TYPE
                        : charge.instance().resourceType()),
                text("RegionId", charge -> charge.instance().region()),
                text("RegionName", charge -> charge.instance().region()),
                text("SkuId", charge -> skuId(charge.instance())),
                text("SkuPriceId", charge -> skuPriceId(charge.instance())),
                text("SkuMeter", charge -> "Instance Hours"),
                text("SkuPriceDetails", charge -> skuPriceDetails(charge.instance())),
                money("ConsumedQuantity", FocusCharge::hours),
                text("ConsumedUnit", charge -> charge.hours() == null ? null : "Hours"),
                money("ListUnitPrice", listUnitPrice),
                text("Tags", charge -> FocusTags.json(charge.instance())),
                text("x_ReportDate", charge -> charge.instance().reportDate().toString()),
                text("x_CostBasis", charge -> charge.instance().basis()),
                text("x_GpuModel", charge -> charge.instance().gpuType()),
                text("x_GpuCount", charge -> charge.instance().gpuCount() == null ? null : charge.instance().gpuCount().toString()),
                money("x_InstancePricePerHour", charge -> charge.instance().pricePerHour())));
        return List.copyOf(columns);
    }

    /**
     * List unit price x pricing quantity, exact (a BigDecimal product keeps full scale). With no list price known for
     * the SKU price that day, FOCUS's rule for a null ListUnitPrice applies: ListCost is BilledCost.
     */
    static BigDecimal listCost(BigDecimal listUnitPrice, FocusCharge charge) {
        return listUnitPrice == null || charge.hours() == null ? charge.cost() : listUnitPrice.multiply(charge.hours());
    }

    static String skuId(InstanceCostRow row) {
        return Sku.skuId(row.gpuType(), row.gpuCount(), row.cpuCores());
    }

    static String skuPriceId(InstanceCostRow row) {
        return Sku.skuPriceId(row.region(), row.gpuType(), row.gpuCount(), row.cpuCores());
    }

    /** The properties the SKU price id is made of, FOCUS-defined keys where FOCUS has one: the same for every row of it. */
    static String skuPriceDetails(InstanceCostRow row) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (Sku.isGpu(row.gpuType(), row.gpuCount())) {
            if (row.gpuCount() != null) {
                details.put("GpuCount", row.gpuCount());
            }
            if (row.gpuType() != null) {
                details.put("x_GpuModel", row.gpuType());
            }
        } else if (row.cpuCores() != null) {
            details.put("CoreCount", row.cpuCores());
        }
        return JSON.writeValueAsString(details);
    }

    /** E.g. {@code H100-80G-SXM x8 in US-EAST, 24.0000 h}; a CPU-only instance is named by its SKU. */
    static String description(FocusCharge charge) {
        InstanceCostRow row = charge.instance();
        String where = row.region() == null ? "" : " in " + row.region();
        return skuId(row) + where + (charge.hours() == null ? "" : ", " + ReportValues.amount(charge.hours()) + " h");
    }

    private static FocusColumn text(String name, Function<FocusCharge, String> value) {
        return new FocusColumn(name, value);
    }

    private static FocusColumn money(String name, Function<FocusCharge, BigDecimal> value) {
        return new FocusColumn(name, charge -> ReportValues.amount(value.apply(charge)));
    }

    private static FocusColumn instant(String name, Function<FocusCharge, java.time.Instant> value) {
        return new FocusColumn(name, charge -> ReportValues.instant(value.apply(charge)));
    }
}
