package com.gpuledger.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTests {

    @ParameterizedTest(name = "Retry-After ''{0}'' waits {1} s")
    @CsvSource(value = {"1, 1", "120, 120", "' 7 ', 7", "'', 0", "soon, 0", "-5, 0", "NULL, 0"}, nullValues = "NULL")
    void delaySeconds(String header, long seconds) {
        assertThat(ProviderClient.parseRetryAfter(header)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void anHttpDateWaitsUntilThen() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(60));

        assertThat(ProviderClient.parseRetryAfter(inAMinute)).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60));
        assertThat(ProviderClient.parseRetryAfter(past)).isZero();
    }
}
