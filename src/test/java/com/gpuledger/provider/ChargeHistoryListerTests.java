package com.gpuledger.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import com.gpuledger.support.ProviderStubs;

/** The charge history in its transaction shape, as the provider documents it beside the hourly buckets. */
class ChargeHistoryListerTests {

    private final ProviderStubs provider = new ProviderStubs();
    private final ChargeHistoryLister lister;

    ChargeHistoryListerTests() {
        RequestDeadline deadline = new RequestDeadline(Duration.ofSeconds(10));
        RestClient rest = RestClient.builder().baseUrl(provider.baseUrl())
                .requestFactory(deadline.requestFactory(Duration.ofSeconds(5), Duration.ofSeconds(10))).build();
        lister = new ChargeHistoryLister(new ProviderClient(rest, deadline, 1 << 20, 1, Duration.ofMillis(10), 0, 1,
                Duration.ofSeconds(1), new ProviderClock(Clock.systemUTC())), 100);
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    /**
     * Consumptions labelled without a zone, across the autumn's repeated 01:00 (US Eastern): each is the hour from its
     * created_at, the repeated label resolved by the history's order; the purchase between them is a top-up, not an
     * hour; a negative amount is a charge of its size.
     */
    @Test
    void consumptionsAreHoursAndPurchasesAreKeptApart() {
        serve("""
                {"id":5,"user_id":266,"transaction_type":"consumption","credit_amount":"-3.5","created_at":"2026-11-01 02:00:00","status":"success","expire_time":null},
                {"id":4,"user_id":266,"transaction_type":"consumption","credit_amount":3.25,"created_at":"2026-11-01 01:00:00","status":"success","expire_time":null},
                {"id":3,"user_id":266,"transaction_type":"purchase","credit_amount":250.0,"created_at":"2026-11-01 01:17:00","status":"success","expire_time":null},
                {"id":2,"user_id":266,"transaction_type":"consumption","credit_amount":3,"created_at":"2026-11-01 01:00:00","status":"success","expire_time":null},
                {"id":1,"user_id":266,"transaction_type":"consumption","credit_amount":2.75,"created_at":"2026-11-01 00:00:00","status":"success","expire_time":null}""", 5);

        ChargeHistory history = lister.since(Instant.parse("2026-11-01T03:00:00Z"));

        assertThat(history.hours()).extracting(ChargeHour::bucketStart).containsExactly(Instant.parse("2026-11-01T07:00:00Z"),
                Instant.parse("2026-11-01T06:00:00Z"), Instant.parse("2026-11-01T05:00:00Z"), Instant.parse("2026-11-01T04:00:00Z"));
        assertThat(history.hours()).allSatisfy(hour -> assertThat(Duration.between(hour.bucketStart(), hour.bucketEnd()))
                .isEqualTo(Duration.ofHours(1)));
        assertThat(history.hours()).extracting(hour -> hour.computingAmount().toPlainString())
                .containsExactly("3.5", "3.25", "3", "2.75");
        assertThat(history.hours()).allSatisfy(hour -> assertThat(hour.serverlessAmount()).as("not said").isNull());
        assertThat(history.purchases()).singleElement().satisfies(purchase -> {
            assertThat(purchase.purchaseId()).isEqualTo("3");
            assertThat(purchase.creditAmount()).isEqualByComparingTo("250");
            assertThat(purchase.createdAt()).isEqualTo(Instant.parse("2026-11-01T05:17:00Z"));
        });
    }

    @Test
    void anItemOfNeitherShapeFailsTheReadNamingTheField() {
        serve("""
                {"id":1,"user_id":266,"amount":2.75,"time":"2026-11-01 00:00:00"}""", 1);

        assertThatThrownBy(() -> lister.since(Instant.parse("2026-10-31T00:00:00Z")))
                .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("a charge hour cannot be read");
    }

    private void serve(String items, int total) {
        provider.server().stubFor(get(urlPathEqualTo("/api/v1" + ChargeHistoryLister.PATH)).willReturn(okJson(
                "{\"data\":{\"credit_balance\":1000,\"credit_history\":[" + items + "],\"total_credit_histories\":" + total
                        + "},\"message\":\"ok\",\"status\":\"success\"}")));
    }
}
