package com.gpuledger.provider;

import java.net.URI;
import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * How the provider is reached: {@code LEDGER_API_*} (the API and its bounds), {@code LEDGER_FETCH_*} (how many requests,
 * how fast, how often retried) and {@code LEDGER_PAGE_SIZE} (the {@code limit} of list pages).
 */
@ConfigurationProperties("ledger")
@Validated
public record ProviderProperties(
        @DefaultValue @Valid Api api,
        @DefaultValue @Valid Fetch fetch,
        @DefaultValue("100") @Min(1) int pageSize) {

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

    public record Fetch(
            @DefaultValue("8") @Min(1) int concurrency,
            @DefaultValue("0") @PositiveOrZero double rateLimit,
            @DefaultValue("5") @Min(1) int attempts,
            @DefaultValue("250ms") Duration backoff,
            @DefaultValue("60s") Duration maxRetryAfter,
            @DefaultValue("50") @Min(1) int chunkSize) {
    }

    /**
     * The FOCUS BillingAccountId when neither {@code LEDGER_ACCOUNT_ID} nor the charge history names the account:
     * {@code unidentified@} and the API's host, the same every night for the same provider endpoint.
     */
    public String unidentifiedAccountId() {
        String host = URI.create(api.url()).getHost();
        return "unidentified@" + (host == null ? api.url() : host);
    }
}
