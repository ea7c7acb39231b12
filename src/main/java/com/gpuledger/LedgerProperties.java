package com.gpuledger;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import com.gpuledger.report.focus.FocusVersion;

/**
 * Everything the job is configured with, bound from environment variables (contracts section 2):
 * {@code LEDGER_FETCH_CONCURRENCY} is {@code ledger.fetch.concurrency} and so on.
 */
@ConfigurationProperties("ledger")
@Validated
public record LedgerProperties(
        @DefaultValue @Valid Api api,
        Path home,
        @DefaultValue Reports reports,
        @DefaultValue("America/New_York") ZoneId timezone,
        @DefaultValue @Valid Fetch fetch,
        @DefaultValue("100") @Min(1) int pageSize,
        @DefaultValue Account account,
        @DefaultValue Reconciliation reconciliation,
        @DefaultValue @Valid Run run,
        @DefaultValue Focus focus) {

    public record Api(
            @DefaultValue("https://api.nebulablock.com/api/v1")
            @Pattern(regexp = "https?://[^/\\s?#]+[^\\s]*", message = "must be an http:// or https:// URL such as https://api.nebulablock.com/api/v1")
            String url,
            String token,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("30s") Duration readTimeout,
            @DefaultValue("60s") @DurationMin(nanos = 1, message = "must be more than 0") Duration requestDeadline,
            @DefaultValue("4MB") DataSize maxBody) {

        public Api {
            // no jakarta constraint reads a DataSize
            if (maxBody.toBytes() < 1 || maxBody.toBytes() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("LEDGER_API_MAX_BODY must be between 1B and 2GB, was " + maxBody);
            }
        }

        /** The token is a secret: it never reaches a log line, even through {@code toString()}. */
        @Override
        public String toString() {
            return "Api[url=" + url + ", token=" + (token == null ? "none" : "(set)") + ", connectTimeout=" + connectTimeout
                    + ", readTimeout=" + readTimeout + ", requestDeadline=" + requestDeadline + ", maxBody=" + maxBody + "]";
        }
    }

    public record Reports(Path dir) {
    }

    public record Fetch(
            @DefaultValue("8") @Min(1) int concurrency,
            @DefaultValue("0") @PositiveOrZero double rateLimit,
            @DefaultValue("5") @Min(1) int attempts,
            @DefaultValue("250ms") Duration backoff,
            @DefaultValue("60s") Duration maxRetryAfter,
            @DefaultValue("50") @Min(1) int chunkSize) {
    }

    /** {@code LEDGER_RUN_DEADLINE}: how long a nightly run may take before it stops with what it captured. */
    public record Run(@DefaultValue("4h") @DurationMin(nanos = 1, message = "must be more than 0") Duration deadline) {
    }

    public record Account(String id, @DefaultValue("") String name) {
    }

    /** {@code LEDGER_FOCUS_VERSION}: the FOCUS version of {@code focus-D.csv}, 1.2 (default) or 1.3. */
    public record Focus(@DefaultValue("1.2") String version) {

        public Focus {
            FocusVersion.parse(version);
        }

        public FocusVersion focusVersion() {
            return FocusVersion.parse(version);
        }
    }

    /**
     * Thresholds of the findings and of the account reconciliation (defaults as finance asked for them), e.g.
     * {@code LEDGER_RECONCILIATION_RATE_RELATIVE=0.02}.
     */
    public record Reconciliation(
            @DefaultValue("0.01") BigDecimal rateAbsolute,
            @DefaultValue("0.01") BigDecimal rateRelative,
            @DefaultValue("0.01") BigDecimal hoursAbsolute,
            @DefaultValue("0.005") BigDecimal hoursRelative,
            @DefaultValue("0.5") BigDecimal anomalyRelative,
            @DefaultValue("25") BigDecimal anomalyAbsolute,
            @DefaultValue("3") int anomalyMinDays,
            @DefaultValue("0.01") BigDecimal costWithoutHoursMinimum,
            @DefaultValue("0.01") BigDecimal accountOkSlack,
            @DefaultValue("1") BigDecimal accountFailAbsolute,
            @DefaultValue("0.002") BigDecimal accountFailRelative,
            @DefaultValue("1m") Duration clockSkewLimit) {
    }

    /**
     * The FOCUS BillingAccountId when neither {@code LEDGER_ACCOUNT_ID} nor the charge history names the account:
     * {@code unidentified@} and the API's host, the same every night for the same provider endpoint.
     */
    public String unidentifiedAccountId() {
        String host = URI.create(api.url()).getHost();
        return "unidentified@" + (host == null ? api.url() : host);
    }

    public Path reportsDir() {
        return reports.dir() != null ? reports.dir() : home.resolve("reports");
    }
}
