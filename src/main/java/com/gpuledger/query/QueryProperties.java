package com.gpuledger.query;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * {@code LEDGER_QUERY_*}: how {@code query} reads, bound by {@link QuerySettings} without a Spring context.
 *
 * @param username the login {@code query} reads as; none: on H2 the reader the migrations create, on PostgreSQL exit 64
 * @param password its password
 * @param timeout  the statement is cancelled after this ({@code 90s}, {@code 2m}, {@code 1500ms}, or seconds)
 * @param maxRows  rows the table format prints (csv prints all)
 */
@ConfigurationProperties("ledger.query")
@Validated
public record QueryProperties(
        String username,
        String password,
        @DefaultValue("60s") @DurationUnit(ChronoUnit.SECONDS) @DurationMin(nanos = 1, message = "must be more than 0") Duration timeout,
        @DefaultValue("1000") @Min(1) int maxRows) {

    @Override
    public String toString() {
        return "QueryProperties[username=" + username + ", password=" + (password == null ? "none" : "(set)")
                + ", timeout=" + timeout + ", maxRows=" + maxRows + "]";
    }
}
