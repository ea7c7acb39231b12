package com.gpuledger.cost;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.PositiveOrZero;

/**
 * Thresholds of the findings and of the account reconciliation (defaults as finance asked for them), e.g.
 * {@code LEDGER_RECONCILIATION_RATE_RELATIVE=0.02}.
 */
@ConfigurationProperties("ledger.reconciliation")
@Validated
record ReconciliationProperties(
        @DefaultValue("0.01") @PositiveOrZero BigDecimal rateAbsolute,
        @DefaultValue("0.01") @PositiveOrZero BigDecimal rateRelative,
        @DefaultValue("0.01") @PositiveOrZero BigDecimal hoursAbsolute,
        @DefaultValue("0.005") @PositiveOrZero BigDecimal hoursRelative,
        @DefaultValue("0.5") @PositiveOrZero BigDecimal anomalyRelative,
        @DefaultValue("25") @PositiveOrZero BigDecimal anomalyAbsolute,
        @DefaultValue("3") @PositiveOrZero int anomalyMinDays,
        @DefaultValue("0.01") @PositiveOrZero BigDecimal costWithoutHoursMinimum,
        @DefaultValue("0.01") @PositiveOrZero BigDecimal accountOkSlack,
        @DefaultValue("1") @PositiveOrZero BigDecimal accountFailAbsolute,
        @DefaultValue("0.002") @PositiveOrZero BigDecimal accountFailRelative,
        @DefaultValue("1m") Duration clockSkewLimit) {
}

