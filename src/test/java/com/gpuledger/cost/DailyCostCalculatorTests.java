package com.gpuledger.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


class DailyCostCalculatorTests {

    static final LocalDate D = LocalDate.parse("2026-03-10");
    static final Instant RUN = Instant.parse("2026-03-11T07:00:00Z");
    static final Instant PREVIOUS_RUN = RUN.minus(1, ChronoUnit.DAYS);
    static final ReconciliationProperties THRESHOLDS = new ReconciliationProperties(
            new BigDecimal("0.01"), new BigDecimal("0.01"), new BigDecimal("0.01"), new BigDecimal("0.005"),
            new BigDecimal("0.5"), new BigDecimal("25"), 3, new BigDecimal("0.01"), new BigDecimal("0.01"),
            BigDecimal.ONE, new BigDecimal("0.002"), java.time.Duration.ofMinutes(1));

    private final DailyCostCalculator calculator = new DailyCostCalculator(THRESHOLDS);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // case               | previous date | prev hours | prev cost | hours | cost  | basis     | day hours | day cost | days | finding
            "yesterday's snapshot | 2026-03-09    | 10         | 10        | 34    | 34    | DELTA     | 24        | 24       | 1    | -",
            "a missed night       | 2026-03-07    | 10         | 10        | 82    | 82    | MULTI_DAY | 72        | 72       | 3    | MULTI_DAY",
            "cost went down       | 2026-03-09    | 100        | 100       | 5     | 5     | RESET     | 5         | 5        | 1    | COUNTER_RESET",
            "hours went down      | 2026-03-09    | 100        | 4         | 5     | 5     | DELTA     | 5         | 1        | 1    | HOURS_RESET",
            "both went down       | 2026-03-09    | 100        | 100       | 5     | 5     | RESET     | 5         | 5        | 1    | COUNTER_RESET",
            "cost alone went down | 2026-03-09    | 10         | 100       | 34    | 5     | RESET     | 24        | 5        | 1    | COUNTER_RESET RATE_MISMATCH",
    })
    void knownBases(String description, LocalDate previousDate, BigDecimal previousHours, BigDecimal previousCost,
                    BigDecimal hours, BigDecimal cost, Basis basis, BigDecimal dayHours, BigDecimal dayCost, int days,
                    String finding) {
        // given
        CounterReading before = reading(previousDate, PREVIOUS_RUN.minus(days - 1L, ChronoUnit.DAYS), previousHours, previousCost, "1");
        CounterReading today = reading(D, RUN, hours, cost, "1");

        // when
        DailyCostCalculator.Result result = calculate(List.of(today), List.of(), Map.of("i-1", before), Map.of());

        // then
        DailyCost row = result.costs().get(0);
        assertThat(row.basis()).isEqualTo(basis);
        assertThat(row.hours()).isEqualByComparingTo(dayHours);
        assertThat(row.costUsd()).isEqualByComparingTo(dayCost);
        assertThat(row.daysCovered()).isEqualTo(days);
        assertThat(row.periodStart()).isEqualTo(before.fetchedAt());
        assertThat(row.periodEnd()).isEqualTo(RUN);
        if ("HOURS_RESET".equals(finding)) {
            // the hours are those since the restart, a lower bound: no expectation to check the cost against
            assertThat(row.expectedCostUsd()).isNull();
        } else {
            assertThat(row.expectedCostUsd()).isEqualByComparingTo(dayHours);
        }
        assertThat(result.findings()).extracting(ReconciliationFinding::kind)
                .isEqualTo(finding == null ? List.of() : List.of(finding.split(" ")));
    }

    @Test
    void anInstanceStartedSinceThePreviousRunIsNewWithItsWholeTotal() {
        CounterReading today = reading(D, RUN, new BigDecimal("3.5"), new BigDecimal("7.0000"), "2", PREVIOUS_RUN.plusSeconds(60));

        DailyCostCalculator.Result result = calculate(List.of(today), List.of(), Map.of(), Map.of());

        DailyCost row = result.costs().get(0);
        assertThat(row.basis()).isEqualTo(Basis.NEW);
        assertThat(row.costUsd()).isEqualByComparingTo("7");
        assertThat(row.periodStart()).isEqualTo(PREVIOUS_RUN.plusSeconds(60));
        assertThat(result.findings()).extracting(ReconciliationFinding::kind, ReconciliationFinding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("NEW_INSTANCE", Severity.INFO));
    }

    @Test
    void anInstanceFirstSeenButStartedEarlierIsABaselineWithAnUnknownCost() {
        CounterReading today = reading(D, RUN, new BigDecimal("300"), new BigDecimal("600"), "2", PREVIOUS_RUN.minusSeconds(1));

        DailyCostCalculator.Result result = calculate(List.of(today), List.of(), Map.of(), Map.of());

        DailyCost row = result.costs().get(0);
        assertThat(row.basis()).isEqualTo(Basis.BASELINE);
        assertThat(row.costUsd()).isNull();
        assertThat(row.hours()).isNull();
        assertThat(result.findings()).extracting(ReconciliationFinding::kind).containsExactly("BASELINE");
    }

    @ParameterizedTest(name = "{0} with a previous snapshot: {1}")
    @CsvSource({"FAILED, true, NOT_CAPTURED", "NOT_FOUND, true, VANISHED", "FAILED, false, NOT_CAPTURED", "NOT_FOUND, false, VANISHED"})
    void instancesNotCapturedHaveAnUnknownCostNeverZero(String kind, boolean seenBefore, Basis basis) {
        CounterReading before = reading(D.minusDays(1), PREVIOUS_RUN, BigDecimal.TEN, BigDecimal.TEN, "1.5");
        FailureReading failure = new FailureReading("i-1", kind, "HTTP 500 after 5 attempts");

        DailyCostCalculator.Result result = calculate(List.of(), List.of(failure),
                seenBefore ? Map.of("i-1", before) : Map.of(), Map.of());

        DailyCost row = result.costs().get(0);
        assertThat(row.basis()).isEqualTo(basis);
        assertThat(row.costUsd()).isNull();
        assertThat(row.hours()).isNull();
        assertThat(row.region()).isEqualTo(seenBefore ? "CANADA" : "UNKNOWN");
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(basis.name());
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.detail()).contains("HTTP 500 after 5 attempts");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                               | hours | cost   | price | prev price | status      | expected findings
            "hours x price                        | 24    | 24     | 1     | 1          | Running     | ''",
            "within 1% of hours x price           | 24    | 24.24  | 1     | 1          | Running     | ''",
            "beyond 1% of hours x price           | 24    | 24.25  | 1     | 1          | Running     | RATE_MISMATCH",
            "within $0.01 on a small amount       | 0.5   | 0.509  | 1     | 1          | Running     | ''",
            "more hours than the day had          | 30    | 30     | 1     | 1          | Running     | HOURS_EXCEED_ELAPSED",
            "hours within 0.01 h + 0.5% of the day| 24.12 | 24.12  | 1     | 1          | Running     | ''",
            "cost without a running hour          | 0     | 5      | 1     | 1          | Running     | RATE_MISMATCH COST_WITHOUT_HOURS",
            "hours without cost                   | 5     | 0      | 1     | 1          | Running     | RATE_MISMATCH HOURS_WITHOUT_COST",
            "a new price                          | 24    | 48     | 2     | 1          | Running     | PRICE_CHANGED",
            "a status nobody has seen             | 24    | 24     | 1     | 1          | Hibernating | UNKNOWN_STATUS",
            "a known status in another case       | 24    | 24     | 1     | 1          | DELETED     | ''",
    })
    void findingsOfADelta(String description, BigDecimal hours, BigDecimal cost, String price, String previousPrice,
                          String status, String expected) {
        CounterReading before = reading(D.minusDays(1), PREVIOUS_RUN, BigDecimal.valueOf(100), BigDecimal.valueOf(100), previousPrice);
        CounterReading today = withStatus(reading(D, RUN, before.runningHours().add(hours), before.totalCost().add(cost), price), status);

        DailyCostCalculator.Result result = calculate(List.of(today), List.of(), Map.of("i-1", before), Map.of());

        assertThat(result.findings()).extracting(ReconciliationFinding::kind)
                .containsExactlyInAnyOrder(expected.isBlank() ? new String[0] : expected.split(" "));
        if (expected.contains("COST_WITHOUT_HOURS")) {
            assertThat(result.findings()).filteredOn(f -> f.kind().equals("COST_WITHOUT_HOURS"))
                    .extracting(ReconciliationFinding::severity).containsExactly(Severity.ERROR);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                     | trailing per day | day cost | days | anomaly
            "50% and $25 above the mean                 | 10 10 10         | 40       | 1    | true",
            "50% above but only $20                     | 10 10 10         | 30       | 1    | false",
            "$25 above but not 50%                      | 100 100 100      | 140      | 1    | false",
            "fewer than 3 prior days                    | 10 10            | 400      | 1    | false",
            "a multi-day row is compared per day        | 10 10 10         | 90       | 3    | false",
            "a multi-day row with an anomalous day rate | 10 10 10         | 150      | 3    | true",
    })
    void anomaliesAgainstTheTrailingMean(String description, String trailing, BigDecimal dayCost, int days, boolean anomaly) {
        CounterReading before = reading(D.minusDays(days), PREVIOUS_RUN.minus(days - 1L, ChronoUnit.DAYS), BigDecimal.ZERO, BigDecimal.ZERO, null);
        CounterReading today = reading(D, RUN, new BigDecimal(24 * days), dayCost, null);
        List<BigDecimal> perDay = java.util.Arrays.stream(trailing.split(" ")).map(BigDecimal::new).toList();

        DailyCostCalculator.Result result = calculate(List.of(today), List.of(), Map.of("i-1", before), Map.of("i-1", perDay));

        assertThat(result.findings().stream().anyMatch(f -> f.kind().equals("ANOMALY"))).isEqualTo(anomaly);
    }

    @Test
    void anAmbiguousStartTimeIsReportedWhenTheInstanceIsFirstSeen() {
        CounterReading today = new CounterReading(D, "i-1", RUN, "CANADA", "GPU", "L40S", 1, "Running",
                Instant.parse("2025-11-02T05:30:00Z"), true, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, null);

        assertThat(calculate(List.of(today), List.of(), Map.of(), Map.of()).findings())
                .extracting(ReconciliationFinding::kind).contains("TIME_AMBIGUOUS");
    }

    private DailyCostCalculator.Result calculate(List<CounterReading> current, List<FailureReading> failures,
                                                 Map<String, CounterReading> previous, Map<String, List<BigDecimal>> trailing) {
        return calculator.calculate(new DailyCostCalculator.Night(D, PREVIOUS_RUN), current, failures, previous, trailing);
    }

    static CounterReading reading(LocalDate date, Instant fetchedAt, BigDecimal hours, BigDecimal cost, String price) {
        return reading(date, fetchedAt, hours, cost, price, Instant.parse("2026-01-01T00:00:00Z"));
    }

    static CounterReading reading(LocalDate date, Instant fetchedAt, BigDecimal hours, BigDecimal cost, String price, Instant start) {
        return new CounterReading(date, "i-1", fetchedAt, "CANADA", "GPU", "L40S", 1, "Running", start, false, hours, cost,
                price == null ? null : new BigDecimal(price), null);
    }

    static CounterReading withStatus(CounterReading r, String status) {
        return new CounterReading(r.reportDate(), r.instanceId(), r.fetchedAt(), r.region(), r.instanceType(), r.gpuType(),
                r.gpuCount(), status, r.startTime(), r.startTimeAmbiguous(), r.runningHours(), r.totalCost(), r.pricePerHour(),
                r.observedAt());
    }
}
