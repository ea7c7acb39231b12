package com.gpuledger.report.focus;

import static java.util.Map.entry;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The FOCUS requirements that apply to the columns of {@code focus-D.csv}, one table per version, each rule written
 * from the MUST sentences of the specification's pages (1.2: FOCUS_Spec tag {@code v1.2},
 * {@code specification/columns/*.md} and {@code specification/attributes/*.md}; 1.3: its Cost and Usage columns).
 * SHOULD and MAY sentences are not checked. A rule about a column the file does not have holds trivially, except the
 * presence rules, which say which columns must be there.
 */
public final class FocusRules {

    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?(E-?\\d+)?");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Provider-defined tag keys of this provider's scheme, and the one prefixless user-defined scheme (contracts section 9). */
    static final String PROVIDER_TAG_PREFIX = "nebulablock/";
    static final Set<String> USER_TAG_KEYS = Set.of("cost_center", "team", "project", "environment");

    static final Set<String> CHARGE_CATEGORIES = Set.of("Usage", "Purchase", "Tax", "Credit", "Adjustment");
    static final Set<String> CHARGE_FREQUENCIES = Set.of("One-Time", "Recurring", "Usage-Based");
    static final Set<String> SERVICE_CATEGORIES = Set.of("AI and Machine Learning", "Analytics", "Business Applications",
            "Compute", "Databases", "Developer Tools", "Multicloud", "Identity", "Integration", "Internet of Things",
            "Management and Governance", "Media", "Migration", "Mobile", "Networking", "Security", "Storage", "Web", "Other");
    /** Each allowed ServiceSubcategory and its one parent ServiceCategory. */
    static final Map<String, String> SERVICE_SUBCATEGORIES = Map.ofEntries(
            entry("AI Platforms", "AI and Machine Learning"),
            entry("Bots", "AI and Machine Learning"),
            entry("Generative AI", "AI and Machine Learning"),
            entry("Machine Learning", "AI and Machine Learning"),
            entry("Natural Language Processing", "AI and Machine Learning"),
            entry("Other (AI and Machine Learning)", "AI and Machine Learning"),
            entry("Analytics Platforms", "Analytics"),
            entry("Business Intelligence", "Analytics"),
            entry("Data Processing", "Analytics"),
            entry("Search", "Analytics"),
            entry("Streaming Analytics", "Analytics"),
            entry("Other (Analytics)", "Analytics"),
            entry("Productivity and Collaboration", "Business Applications"),
            entry("Other (Business Applications)", "Business Applications"),
            entry("Containers", "Compute"),
            entry("End User Computing", "Compute"),
            entry("Quantum Compute", "Compute"),
            entry("Serverless Compute", "Compute"),
            entry("Virtual Machines", "Compute"),
            entry("Other (Compute)", "Compute"),
            entry("Caching", "Databases"),
            entry("Data Warehouses", "Databases"),
            entry("Ledger Databases", "Databases"),
            entry("NoSQL Databases", "Databases"),
            entry("Relational Databases", "Databases"),
            entry("Time Series Databases", "Databases"),
            entry("Other (Databases)", "Databases"),
            entry("Developer Platforms", "Developer Tools"),
            entry("Continuous Integration and Deployment", "Developer Tools"),
            entry("Development Environments", "Developer Tools"),
            entry("Source Code Management", "Developer Tools"),
            entry("Quality Assurance", "Developer Tools"),
            entry("Other (Developer Tools)", "Developer Tools"),
            entry("Identity and Access Management", "Identity"),
            entry("Other (Identity)", "Identity"),
            entry("API Management", "Integration"),
            entry("Messaging", "Integration"),
            entry("Workflow Orchestration", "Integration"),
            entry("Other (Integration)", "Integration"),
            entry("IoT Analytics", "Internet of Things"),
            entry("IoT Platforms", "Internet of Things"),
            entry("Other (Internet of Things)", "Internet of Things"),
            entry("Architecture", "Management and Governance"),
            entry("Compliance", "Management and Governance"),
            entry("Cost Management", "Management and Governance"),
            entry("Data Governance", "Management and Governance"),
            entry("Disaster Recovery", "Management and Governance"),
            entry("Endpoint Management", "Management and Governance"),
            entry("Observability", "Management and Governance"),
            entry("Support", "Management and Governance"),
            entry("Other (Management and Governance)", "Management and Governance"),
            entry("Content Creation", "Media"),
            entry("Gaming", "Media"),
            entry("Media Streaming", "Media"),
            entry("Mixed Reality", "Media"),
            entry("Other (Media)", "Media"),
            entry("Data Migration", "Migration"),
            entry("Resource Migration", "Migration"),
            entry("Other (Migration)", "Migration"),
            entry("Other (Mobile)", "Mobile"),
            entry("Multicloud Integration", "Multicloud"),
            entry("Other (Multicloud)", "Multicloud"),
            entry("Application Networking", "Networking"),
            entry("Content Delivery", "Networking"),
            entry("Network Connectivity", "Networking"),
            entry("Network Infrastructure", "Networking"),
            entry("Network Routing", "Networking"),
            entry("Network Security", "Networking"),
            entry("Other (Networking)", "Networking"),
            entry("Secret Management", "Security"),
            entry("Security Posture Management", "Security"),
            entry("Threat Detection and Response", "Security"),
            entry("Other (Security)", "Security"),
            entry("Backup Storage", "Storage"),
            entry("Block Storage", "Storage"),
            entry("File Storage", "Storage"),
            entry("Object Storage", "Storage"),
            entry("Storage Platforms", "Storage"),
            entry("Other (Storage)", "Storage"),
            entry("Application Platforms", "Web"),
            entry("Other (Web)", "Web"),
            entry("Other (Other)", "Other")
    );
    /** FOCUS-defined SKU price properties and whether each is numeric (servicesubcategory.md's neighbour, skupricedetails.md). */
    static final Map<String, Boolean> SKU_PRICE_PROPERTIES = Map.ofEntries(entry("CoreCount", true), entry("DiskMaxIops", true),
            entry("DiskSpace", true), entry("DiskType", false), entry("GpuCount", true), entry("InstanceType", false),
            entry("InstanceSeries", false), entry("MemorySize", true), entry("NetworkMaxIops", true),
            entry("NetworkMaxThroughput", true), entry("OperatingSystem", false), entry("Redundancy", false),
            entry("StorageClass", false));

    static final Set<String> COLUMNS_1_2 = Set.of("AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName",
            "BillingAccountType", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "CapacityReservationId",
            "CapacityReservationStatus", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency",
            "ChargePeriodEnd", "ChargePeriodStart", "CommitmentDiscountCategory", "CommitmentDiscountId",
            "CommitmentDiscountName", "CommitmentDiscountQuantity", "CommitmentDiscountStatus", "CommitmentDiscountType",
            "CommitmentDiscountUnit", "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "ContractedUnitPrice",
            "EffectiveCost", "InvoiceId", "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory", "PricingCurrency",
            "PricingCurrencyContractedUnitPrice", "PricingCurrencyEffectiveCost", "PricingCurrencyListUnitPrice",
            "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId",
            "ResourceName", "ResourceType", "ServiceCategory", "ServiceName", "ServiceSubcategory", "SkuId", "SkuMeter",
            "SkuPriceDetails", "SkuPriceId", "SubAccountId", "SubAccountName", "SubAccountType", "Tags");
    static final Set<String> COLUMNS_1_3 = Stream.concat(COLUMNS_1_2.stream(), Stream.of("ServiceProviderName",
            "HostProviderName", "AllocatedMethodDetails", "AllocatedMethodId", "AllocatedResourceId", "AllocatedResourceName",
            "AllocatedTags")).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Mandatory columns, and the Conditional ones whose condition this provider meets (billing of provisioned resources
     * in regions, unit prices from a price list, measured usage, provider-defined tags). */
    static final List<String> PRESENT_1_2 = List.of("BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency",
            "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargePeriodEnd",
            "ChargePeriodStart", "ContractedCost", "EffectiveCost", "InvoiceIssuerName", "ListCost", "PricingQuantity",
            "PricingUnit", "ProviderName", "PublisherName", "ServiceCategory", "ServiceName", "ResourceId", "ResourceName",
            "ResourceType", "RegionId", "RegionName", "SkuId", "SkuPriceId", "SkuMeter", "SkuPriceDetails", "ConsumedQuantity",
            "ConsumedUnit", "ListUnitPrice", "Tags");

    public static final List<FocusRule> V1_2 = table(FocusVersion.V1_2);
    public static final List<FocusRule> V1_3 = table(FocusVersion.V1_3);

    private FocusRules() {
    }

    public static List<FocusRule> of(FocusVersion version) {
        return version == FocusVersion.V1_3 ? V1_3 : V1_2;
    }

    private static List<FocusRule> table(FocusVersion version) {
        boolean v13 = version == FocusVersion.V1_3;
        List<FocusRule> rules = new ArrayList<>();
        List<String> present = new ArrayList<>(PRESENT_1_2);
        if (v13) {
            present.addAll(List.of("ServiceProviderName", "HostProviderName"));
        }
        for (String column : present) {
            rules.add(new FocusRule(column + ".present", page(column), column + " MUST be present in a FOCUS dataset",
                    table -> table.header().contains(column) ? List.of() : List.of("the file has no column " + column),
                    table -> table.withoutColumn(column)));
        }
        Set<String> known = v13 ? COLUMNS_1_3 : COLUMNS_1_2;
        rules.add(new FocusRule("CustomColumns.prefix", "attributes/column_handling.md",
                "Custom columns MUST be prefixed with a consistent x_ prefix",
                table -> table.header().stream().filter(name -> !known.contains(name) && !name.startsWith("x_"))
                        .map(name -> "column " + name + " is neither a FOCUS column nor x_-prefixed").toList(),
                table -> table.withColumn("GpuModel", "H100")));

        // not null, always
        List<String> notNull = new ArrayList<>(List.of("BilledCost", "EffectiveCost", "ListCost", "ContractedCost",
                "BillingAccountId", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart",
                "ChargePeriodEnd", "ChargeCategory", "InvoiceIssuerName", "ProviderName", "PublisherName", "ServiceCategory",
                "ServiceName", "ChargeFrequency", "ServiceSubcategory"));
        if (v13) {
            notNull.add("ServiceProviderName");
        }
        for (String column : notNull) {
            rules.add(row(column + ".notNull", page(column), column + " MUST NOT be null", r -> r.get(column) != null || !has(r, column),
                    t -> t.withFirstRow(r -> r.put(column, null))));
        }
        if (v13) {
            rules.add(row("HostProviderName.notNull", page("HostProviderName"),
                    "HostProviderName MUST NOT be null (the charge is for a resource deployed on infrastructure)",
                    r -> r.get("ResourceId") == null || r.get("HostProviderName") != null,
                    t -> t.withFirstRow(r -> r.put("HostProviderName", null))));
        }
        // not null for Usage and Purchase that are not corrections
        for (String column : List.of("PricingQuantity", "SkuId", "SkuPriceId", "ConsumedQuantity")) {
            rules.add(row(column + ".notNullForUsage", page(column),
                    column + " MUST NOT be null when ChargeCategory is \"Usage\" or \"Purchase\" and ChargeClass is not \"Correction\""
                            + (column.equals("ConsumedQuantity") ? " (ConsumedQuantity: Usage only)" : ""),
                    r -> !has(r, column) || r.get(column) != null
                            || !(column.equals("ConsumedQuantity") ? usage(r) : usageOrPurchase(r)) || correction(r),
                    t -> t.withFirstRow(r -> r.put(column, null))));
        }
        rules.add(row("ListUnitPrice.notNullForUsage", page("ListUnitPrice"),
                "ListUnitPrice MUST NOT be null when ChargeCategory is \"Usage\" or \"Purchase\" and ChargeClass is not \"Correction\"",
                r -> !has(r, "ListUnitPrice") || r.get("ListUnitPrice") != null || !usageOrPurchase(r) || correction(r),
                t -> t.withFirstRow(r -> {
                    r.put("ListUnitPrice", null);
                    r.put("ListCost", r.get("BilledCost"));
                })));
        for (String column : List.of("PricingQuantity", "SkuId", "SkuPriceId", "ListUnitPrice")) {
            rules.add(row(column + ".nullForTax", page(column), column + " MUST be null when ChargeCategory is \"Tax\"",
                    r -> !"Tax".equals(r.get("ChargeCategory")) || r.get(column) == null,
                    t -> t.withFirstRow(r -> r.put("ChargeCategory", "Tax"))));
        }
        rules.add(row("ConsumedQuantity.nullUnlessUsage", page("ConsumedQuantity"),
                "ConsumedQuantity MUST be null when ChargeCategory is not \"Usage\"",
                r -> usage(r) || r.get("ConsumedQuantity") == null, t -> t.withFirstRow(r -> r.put("ChargeCategory", "Adjustment"))));
        if (v13) {
            rules.add(row("ListUnitPrice.nullWithoutSkuPriceId", page("ListUnitPrice"),
                    "ListUnitPrice MUST be null when SkuPriceId is null",
                    r -> r.get("SkuPriceId") != null || r.get("ListUnitPrice") == null,
                    t -> t.withFirstRow(r -> r.put("SkuPriceId", null))));
            rules.add(row("ListUnitPrice.notNullWithSkuPriceId", page("ListUnitPrice"),
                    "ListUnitPrice MUST NOT be null when SkuPriceId is not null",
                    r -> !has(r, "ListUnitPrice") || r.get("SkuPriceId") == null || r.get("ListUnitPrice") != null,
                    t -> t.withFirstRow(r -> {
                        r.put("ListUnitPrice", null);
                        r.put("ListCost", r.get("BilledCost"));
                    })));
            rules.add(row("PricingQuantity.nullWithoutSkuPriceId", page("PricingQuantity"),
                    "PricingQuantity MUST be null when SkuPriceId is null",
                    r -> !has(r, "SkuPriceId") || r.get("SkuPriceId") != null || r.get("PricingQuantity") == null,
                    t -> t.withFirstRow(r -> r.put("SkuPriceId", null))));
        }
        // pairs that are null together
        rules.add(pair("PricingUnit", "PricingQuantity"));
        rules.add(pair("ConsumedUnit", "ConsumedQuantity"));
        rules.add(pair("RegionName", "RegionId"));
        rules.add(pair("ResourceType", "ResourceId"));
        rules.add(row("ResourceName.nullWithoutResourceId", page("ResourceName"), "ResourceName MUST be null when ResourceId is null",
                r -> r.get("ResourceId") != null || r.get("ResourceName") == null, t -> t.withFirstRow(r -> r.put("ResourceId", null))));
        rules.add(row("SkuMeter.nullWithoutSkuId", page("SkuMeter"), "SkuMeter MUST be null when SkuId is null",
                r -> r.get("SkuId") != null || r.get("SkuMeter") == null, t -> t.withFirstRow(r -> r.put("SkuId", null))));
        rules.add(row("SkuPriceDetails.nullWithoutSkuPriceId", page("SkuPriceDetails"),
                "SkuPriceDetails MUST be null when SkuPriceId is null",
                r -> r.get("SkuPriceId") != null || r.get("SkuPriceDetails") == null,
                t -> t.withFirstRow(r -> r.put("SkuPriceId", null))));

        // formats
        for (String column : List.of("BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "PricingQuantity",
                "ConsumedQuantity", "ListUnitPrice")) {
            rules.add(row(column + ".numericFormat", "attributes/numeric_format.md",
                    column + " MUST conform to NumericFormat: one plain decimal (or E notation), no sign for a positive value,"
                            + " no symbol, unit or thousands separator",
                    r -> r.get(column) == null || DECIMAL.matcher(r.get(column)).matches(),
                    t -> t.withFirstRow(r -> r.put(column, "$1,234.50"))));
        }
        for (String column : List.of("BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd")) {
            rules.add(row(column + ".dateTimeFormat", "attributes/datetime_format.md",
                    column + " MUST be a UTC instant in the extended ISO 8601 format YYYY-MM-DDTHH:mm:ssZ",
                    r -> r.get(column) == null || isInstant(r.get(column)),
                    t -> t.withFirstRow(r -> r.put(column, "2026-11-24 05:00:00"))));
        }
        rules.add(row("BillingCurrency.currencyFormat", "attributes/currency_format.md",
                "BillingCurrency MUST be a national currency's three-letter ISO 4217 code",
                r -> r.get("BillingCurrency") == null || isCurrency(r.get("BillingCurrency")),
                t -> t.withFirstRow(r -> r.put("BillingCurrency", "usd"))));
        for (String column : List.of("Tags", "SkuPriceDetails")) {
            rules.add(row(column + ".keyValueFormat", "attributes/key_value_format.md",
                    column + " MUST be a serialized JSON object with unique keys whose values are numbers, strings, true,"
                            + " false or null, never an object or an array",
                    r -> r.get(column) == null || isFlatObject(r.get(column)),
                    t -> t.withFirstRow(r -> r.put(column, "{\"a\":{\"b\":1},\"a\":2}"))));
        }

        // allowed values
        rules.add(allowed("ChargeCategory", CHARGE_CATEGORIES, "usage"));
        rules.add(row("ChargeClass.allowedValues", page("ChargeClass"), "ChargeClass MUST be \"Correction\" when it is not null",
                r -> r.get("ChargeClass") == null || "Correction".equals(r.get("ChargeClass")),
                t -> t.withFirstRow(r -> r.put("ChargeClass", "Regular"))));
        rules.add(allowed("ChargeFrequency", CHARGE_FREQUENCIES, "Hourly"));
        rules.add(row("ChargeFrequency.notUsageBasedForPurchase", page("ChargeFrequency"),
                "ChargeFrequency MUST NOT be \"Usage-Based\" when ChargeCategory is \"Purchase\"",
                r -> !("Purchase".equals(r.get("ChargeCategory")) && "Usage-Based".equals(r.get("ChargeFrequency"))),
                t -> t.withFirstRow(r -> r.put("ChargeCategory", "Purchase"))));
        rules.add(allowed("ServiceCategory", SERVICE_CATEGORIES, "GPU"));
        rules.add(row("ServiceSubcategory.allowedValues", page("ServiceSubcategory"),
                "ServiceSubcategory MUST be one of the allowed values and have its one parent ServiceCategory",
                r -> r.get("ServiceSubcategory") == null
                        || Objects.equals(SERVICE_SUBCATEGORIES.get(r.get("ServiceSubcategory")), r.get("ServiceCategory")),
                t -> t.withFirstRow(r -> r.put("ServiceSubcategory", "Block Storage"))));

        // tags and SKU price details
        rules.add(row("Tags.providerPrefix", page("Tags"),
                "Provider-defined tag keys MUST be prefixed with the provider's tag key prefix (" + PROVIDER_TAG_PREFIX
                        + "); only the one user-defined scheme (" + USER_TAG_KEYS + ") is prefixless",
                r -> keys(r.get("Tags")).stream().allMatch(key -> key.startsWith(PROVIDER_TAG_PREFIX) || USER_TAG_KEYS.contains(key)),
                t -> t.withFirstRow(r -> r.put("Tags", "{\"gpu_model\":\"H100-80G-SXM\"}"))));
        rules.add(row("Tags.userKeysNotReservedPrefix", page("Tags"),
                "A reserved tag key prefix MUST NOT be used by a key of the prefixless user-defined scheme",
                r -> keys(r.get("Tags")).stream().noneMatch(key -> key.startsWith(PROVIDER_TAG_PREFIX)
                        && USER_TAG_KEYS.contains(key.substring(PROVIDER_TAG_PREFIX.length()))),
                t -> t.withFirstRow(r -> r.put("Tags", "{\"" + PROVIDER_TAG_PREFIX + "team\":\"ml\"}"))));
        rules.add(row("SkuPriceDetails.keys", page("SkuPriceDetails"),
                "A SkuPriceDetails property key MUST begin with x_ unless it is a FOCUS-defined property, and a FOCUS-defined"
                        + " property's value MUST be of its type",
                r -> skuPriceDetailsValid(r.get("SkuPriceDetails")),
                t -> t.withFirstRow(r -> r.put("SkuPriceDetails", "{\"GpuModel\":\"H100\",\"GpuCount\":\"8\"}"))));

        // costs and prices
        rules.add(row("ListUnitPrice.nonNegative", page("ListUnitPrice"), "ListUnitPrice MUST be a non-negative decimal value",
                r -> decimal(r.get("ListUnitPrice")) == null || decimal(r.get("ListUnitPrice")).signum() >= 0,
                t -> t.withFirstRow(r -> r.put("ListUnitPrice", "-1.0000"))));
        rules.add(row("ListCost.product", page("ListCost"),
                "The product of ListUnitPrice and PricingQuantity MUST match the ListCost when both are not null"
                        + (v13 ? "" : " and ChargeClass is not \"Correction\""),
                r -> r.get("ListUnitPrice") == null || r.get("PricingQuantity") == null || (!v13 && correction(r))
                        || equal(decimal(r.get("ListUnitPrice")).multiply(decimal(r.get("PricingQuantity"))), r.get("ListCost")),
                t -> t.withFirstRow(r -> r.put("ListCost", decimal(r.get("ListCost")).add(BigDecimal.ONE).toPlainString()))));
        rules.add(row("ListCost.billedWithoutListUnitPrice", page("ListCost"),
                "When ListUnitPrice is null, the ListCost of a charge unrelated to other charges MUST match the BilledCost",
                r -> r.get("ListUnitPrice") != null || "Tax".equals(r.get("ChargeCategory")) || equal(decimal(r.get("BilledCost")), r.get("ListCost")),
                t -> t.withFirstRow(r -> {
                    r.put("ListUnitPrice", null);
                    r.put("ListCost", decimal(r.get("BilledCost")).add(BigDecimal.ONE).toPlainString());
                })));
        rules.add(row("ContractedCost.billedWithoutContractedUnitPrice", page("ContractedCost"),
                "When ContractedUnitPrice is null (no negotiated rates), the ContractedCost of a charge unrelated to other"
                        + " charges MUST match the BilledCost",
                r -> r.get("ContractedUnitPrice") != null || "Tax".equals(r.get("ChargeCategory"))
                        || equal(decimal(r.get("BilledCost")), r.get("ContractedCost")),
                t -> t.withFirstRow(r -> r.put("ContractedCost", decimal(r.get("BilledCost")).add(BigDecimal.ONE).toPlainString()))));

        // periods
        rules.add(row("BillingPeriod.bounds", page("BillingPeriodStart"),
                "BillingPeriodStart MUST be the inclusive start and BillingPeriodEnd the exclusive end of the billing period",
                r -> before(r.get("BillingPeriodStart"), r.get("BillingPeriodEnd")),
                t -> t.withFirstRow(r -> r.put("BillingPeriodEnd", r.get("BillingPeriodStart")))));
        rules.add(row("ChargePeriod.bounds", page("ChargePeriodStart"),
                "ChargePeriodStart MUST be the inclusive start and ChargePeriodEnd the exclusive end of the charge's period",
                r -> before(r.get("ChargePeriodStart"), r.get("ChargePeriodEnd")),
                t -> t.withFirstRow(r -> r.put("ChargePeriodEnd", r.get("ChargePeriodStart")))));
        rules.add(row("ChargePeriod.insideBillingPeriod", "glossary.md (billing period, charge period)",
                "A charge period MUST lie inside its billing period, the time window the invoice covers",
                r -> notAfter(r.get("BillingPeriodStart"), r.get("ChargePeriodStart"))
                        && notAfter(r.get("ChargePeriodEnd"), r.get("BillingPeriodEnd")),
                t -> t.withFirstRow(r -> r.put("ChargePeriodEnd", Instant.parse(r.get("BillingPeriodEnd")).plusSeconds(7200).toString()))));
        rules.add(new FocusRule("BillingPeriod.oneEndPerStart", page("BillingPeriodEnd"),
                "Rows of one billing period MUST name the same bounds (the billing period's exclusive end)",
                table -> conflicts(table, "BillingPeriodStart", r -> r.get("BillingPeriodEnd")),
                t -> t.withExtraRow(r -> r.put("BillingPeriodEnd", Instant.parse(r.get("BillingPeriodEnd")).plusSeconds(3600).toString()))));

        // SKU prices across rows
        rules.add(new FocusRule("SkuPriceId.oneSkuId", page("SkuPriceId"), "SkuPriceId MUST have one and only one parent SkuId",
                table -> conflicts(table, "SkuPriceId", r -> r.get("SkuId")),
                t -> t.withExtraRow(r -> r.put("SkuId", r.get("SkuId") + "-other"))));
        rules.add(new FocusRule("SkuPriceId.oneListUnitPrice", page("SkuPriceId"),
                "A SkuPriceId identifies one SKU price: it MUST support the lookup of the ListUnitPrice, so it carries one"
                        + " ListUnitPrice in a file",
                table -> conflicts(table, "SkuPriceId", r -> number(r.get("ListUnitPrice"))),
                t -> t.withExtraRow(r -> {
                    BigDecimal price = decimal(r.get("ListUnitPrice")).add(BigDecimal.ONE);
                    r.put("ListUnitPrice", price.toPlainString());
                    r.put("ListCost", price.multiply(decimal(r.get("PricingQuantity"))).toPlainString());
                })));
        rules.add(new FocusRule("SkuPriceDetails.onePerSkuPriceId", page("SkuPriceDetails"),
                "SkuPriceDetails MUST be associated with a given SkuPriceId: every row of a SkuPriceId has the same details",
                table -> conflicts(table, "SkuPriceId", r -> canonical(r.get("SkuPriceDetails"))),
                t -> t.withExtraRow(r -> r.put("SkuPriceDetails", "{\"x_Other\":\"1\"}"))));
        return List.copyOf(rules);
    }

    // ---- building blocks

    private static FocusRule row(String id, String source, String requirement, Predicate<Map<String, String>> holds,
            UnaryOperator<FocusTable> plant) {
        Function<FocusTable, List<String>> check = table -> {
            List<String> violations = new ArrayList<>();
            for (int i = 0; i < table.rows().size(); i++) {
                Map<String, String> row = table.rows().get(i);
                boolean ok;
                try {
                    ok = holds.test(row);
                } catch (RuntimeException e) {
                    ok = false;
                }
                if (!ok) {
                    violations.add("row " + (i + 1) + " (ResourceId " + row.get("ResourceId") + ")");
                }
            }
            return violations;
        };
        return new FocusRule(id, source, requirement, check, plant);
    }

    /** {@code column} is null exactly when {@code other} is. */
    private static FocusRule pair(String column, String other) {
        return row(column + ".nullWith" + other, page(column), column + " MUST be null when " + other + " is null and MUST NOT be"
                + " null when " + other + " is not null", r -> !has(r, column) || (r.get(column) == null) == (r.get(other) == null),
                t -> t.withFirstRow(r -> r.put(column, null)));
    }

    private static FocusRule allowed(String column, Set<String> values, String wrong) {
        return row(column + ".allowedValues", page(column), column + " MUST be one of the allowed values " + values,
                r -> r.get(column) == null || values.contains(r.get(column)), t -> t.withFirstRow(r -> r.put(column, wrong)));
    }

    /** The keys whose rows disagree on {@code value}: "one X per key" rules across the file. */
    private static List<String> conflicts(FocusTable table, String key, Function<Map<String, String>, String> value) {
        Map<String, Set<String>> seen = new HashMap<>();
        for (Map<String, String> row : table.rows()) {
            if (row.get(key) != null) {
                seen.computeIfAbsent(row.get(key), k -> new java.util.TreeSet<>()).add(String.valueOf(value.apply(row)));
            }
        }
        return seen.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> key + " " + e.getKey() + " has " + e.getValue()).sorted().toList();
    }

    private static String page(String column) {
        String file = switch (column) {
            case "InvoiceIssuerName" -> "invoiceissuer";
            case "ProviderName" -> "provider";
            case "PublisherName" -> "publisher";
            default -> column.toLowerCase();
        };
        return "columns/" + file + ".md";
    }

    private static boolean has(Map<String, String> row, String column) {
        return row.containsKey(column);
    }

    private static boolean usage(Map<String, String> row) {
        return "Usage".equals(row.get("ChargeCategory"));
    }

    private static boolean usageOrPurchase(Map<String, String> row) {
        return usage(row) || "Purchase".equals(row.get("ChargeCategory"));
    }

    private static boolean correction(Map<String, String> row) {
        return "Correction".equals(row.get("ChargeClass"));
    }

    static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    /** A decimal's value without its scale (2.5 and 2.50 are one price); text that is no decimal as it is. */
    private static String number(String text) {
        try {
            return text == null ? null : new BigDecimal(text).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static boolean equal(BigDecimal expected, String actual) {
        return actual != null && expected.compareTo(new BigDecimal(actual)) == 0;
    }

    private static boolean isInstant(String text) {
        if (!DATE_TIME.matcher(text).matches()) {
            return false;
        }
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean before(String start, String end) {
        return start == null || end == null || Instant.parse(start).isBefore(Instant.parse(end));
    }

    private static boolean notAfter(String first, String second) {
        return first == null || second == null || !Instant.parse(first).isAfter(Instant.parse(second));
    }

    private static boolean isCurrency(String code) {
        if (!code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The JSON re-serialised (so spacing does not count), or the text as it is when it is no JSON. */
    private static String canonical(String text) {
        try {
            return text == null ? null : json(text).toString();
        } catch (RuntimeException e) {
            return text;
        }
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static boolean isFlatObject(String text) {
        JsonNode node = json(text);
        return node.isObject() && node.properties().stream().map(Map.Entry::getValue)
                .allMatch(value -> value.isNumber() || value.isString() || value.isBoolean() || value.isNull());
    }

    private static List<String> keys(String json) {
        return json == null ? List.of() : json(json).properties().stream().map(Map.Entry::getKey).toList();
    }

    private static boolean skuPriceDetailsValid(String text) {
        if (text == null) {
            return true;
        }
        return json(text).properties().stream().allMatch(property -> {
            Boolean numeric = SKU_PRICE_PROPERTIES.get(property.getKey());
            if (numeric == null) {
                return property.getKey().startsWith("x_");
            }
            return numeric ? property.getValue().isNumber() : property.getValue().isString();
        });
    }
}
