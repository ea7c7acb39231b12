package com.gpuledger;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;

/**
 * What every feature of the ledger shares: its home ({@code LEDGER_HOME}), the business time zone
 * ({@code LEDGER_TIMEZONE}), the account ({@code LEDGER_ACCOUNT_ID}, {@code _NAME}) and the run's deadline
 * ({@code LEDGER_RUN_DEADLINE}). Each feature binds the rest in a record of its own ({@code ProviderProperties},
 * {@code ReconciliationProperties}, {@code ReportProperties}, ...).
 */
@ConfigurationProperties("ledger")
@Validated
public record LedgerProperties(
        Path home,
        @DefaultValue("America/New_York") ZoneId timezone,
        @DefaultValue Account account,
        @DefaultValue @Valid Run run) {

    /** {@code LEDGER_RUN_DEADLINE}: how long a nightly run may take before it stops with what it captured. */
    public record Run(@DefaultValue("4h") @DurationMin(nanos = 1, message = "must be more than 0") Duration deadline) {
    }

    public record Account(String id, @DefaultValue("") String name) {
    }
}
