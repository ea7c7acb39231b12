package com.gpuledger.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProviderValuesTests {

    /** The latest readable time in these tests: the job's clock (2026-01-01) plus two days. */
    private static final Instant LATEST = Instant.parse("2026-01-03T00:00:00Z");

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @ParameterizedTest(name = "total_cost {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"$961.5400\"          | 961.54",
            "\"$1,234.5678\"        | 1234.5678",
            "\"$1,234,567.0001\"    | 1234567.0001",
            "\"961.54\"             | 961.54",
            "\"$0.0000\"            | 0",
            "961.5400               | 961.54",
            "12                     | 12",
            "0.1                    | 0.1",
            "\"$ 5.25\"             | 5.25",
            "9999999999999999.99999999 | 9999999999999999.99999999",
    })
    void moneyVariants(String json, BigDecimal expected) {
        assertThat(ProviderValues.money(node("total_cost", json), "total_cost")).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "total_cost {0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "\"$12a.00\"                     | not a dollar amount",
            "\"twelve dollars\"              | not a dollar amount",
            "\"$-5.00\"                      | not a dollar amount",
            "-5.00                           | negative",
            "\"$1,23.00\"                    | not a dollar amount",
            "\"$12.34.56\"                   | not a dollar amount",
            "12345678901234567.5             | too large",
            "\"$99999999999999999\"          | too large",
            "0.123456789                     | more than 8 decimals",
            "null                            | required",
            "\"\"                            | required",
    })
    void badMoney(String json, String problem) {
        assertThatThrownBy(() -> ProviderValues.money(node("total_cost", json), "total_cost"))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("field 'total_cost'")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest(name = "running_time {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"66.9070 hours\"  | 66.907",
            "\"0.0000 hours\"   | 0",
            "\"1 hour\"         | 1",
            "\"66.907\"         | 66.907",
            "66.9070            | 66.907",
            "\"12.5 h\"         | 12.5",
    })
    void hoursVariants(String json, BigDecimal expected) {
        assertThat(ProviderValues.hours(node("running_time", json), "running_time")).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "running_time {0} is refused")
    @CsvSource(delimiter = '|', value = {
            "\"-3.0 hours\"   | not a number of hours",
            "\"about 3 hours\"| not a number of hours",
            "-3               | negative",
            "\"1e5 hours\"    | not a number of hours",
    })
    void badHours(String json, String problem) {
        assertThatThrownBy(() -> ProviderValues.hours(node("running_time", json), "running_time"))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("field 'running_time'")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest(name = "start_time {0} -> {1} (ambiguous {2})")
    @CsvSource(delimiter = '|', value = {
            // winter: EST = UTC-5
            "EST 2024-11-04 10:11:50   | 2024-11-04T15:11:50Z | false",
            // summer: labelled EST but the wall clock is EDT = UTC-4 (epoch 1751620391 shows as 05:13:11)
            "2025-07-04 05:13:11 EST   | 2025-07-04T09:13:11Z | false",
            "EST 2025-07-04 05:13:11   | 2025-07-04T09:13:11Z | false",
            // autumn overlap: the earlier offset (EDT) is taken
            "EST 2025-11-02 01:30:00   | 2025-11-02T05:30:00Z | true",
            // spring gap: shifted forward by the gap's length
            "EST 2025-03-09 02:30:00   | 2025-03-09T07:30:00Z | true",
    })
    void providerTimes(String text, Instant expected, boolean ambiguous) {
        ProviderTime time = ProviderValues.time(JSON.readTree("\"" + text + "\""), "start_time", LATEST);
        assertThat(time.instant()).isEqualTo(expected);
        assertThat(time.ambiguous()).isEqualTo(ambiguous);
    }

    /** Every unambiguous shape of one instant, 2025-07-04T09:13:11Z (05:13:11 Eastern daylight time). */
    @ParameterizedTest(name = "start_time {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "1751620391                     | epoch seconds, a JSON number",
            "1751620391000                  | epoch milliseconds, a JSON number",
            "'\"1751620391\"'               | epoch seconds, a digit string",
            "'\"1751620391000\"'            | epoch milliseconds, a digit string",
            "'\"2025-07-04T09:13:11Z\"'     | ISO 8601 with Z",
            "'\"2025-07-04T09:13:11.000Z\"' | ISO 8601 with a fraction",
            "'\"2025-07-04T05:13:11-04:00\"' | ISO 8601 with an offset",
            "'\"2025-07-04T11:13:11+0200\"' | ISO 8601 with a compact offset",
            "'\"2025-07-04 09:13:11z\"'     | ISO 8601 with a space and a small z",
            "'\"EST 2025-07-04 05:13:11\"'  | the EST prefix form",
            "'\"2025-07-04 05:13:11 EST\"'  | the EST suffix form",
            "'\"EDT 2025-07-04T05:13:11\"'  | the EDT prefix form with a T",
    })
    void everyUnambiguousTimeShape(String json, String shape) {
        assertThat(ProviderValues.time(JSON.readTree(json), "start_time", LATEST).instant())
                .as(shape).isEqualTo(Instant.parse("2025-07-04T09:13:11Z"));
    }

    @ParameterizedTest(name = "start_time {0} without seconds")
    @CsvSource({"EST 2025-07-04 05:13", "2025-07-04 05:13 EST", "2025-07-04T09:13Z", "2025-07-04T05:13-04:00"})
    void secondsMayBeLeftOut(String text) {
        assertThat(ProviderValues.time(JSON.readTree("\"" + text + "\""), "start_time", LATEST).instant())
                .isEqualTo(Instant.parse("2025-07-04T09:13:00Z"));
    }

    @ParameterizedTest(name = "start_time {0} is unreadable: {1}")
    @CsvSource(delimiter = '|', value = {
            "'\"2025-13-04 05:13:11 EST\"' | no 13th month",
            "'\"yesterday\"'               | words",
            "'\"EST 2025-02-30 10:00:00\"' | no 30 February",
            "'\"2025-07-04T05:13:11\"'     | no zone: which clock is meant cannot be told",
            "'\"2025-07-04\"'              | a date without a time",
            "'\"EST 9999-12-31 23:59:59\"' | after now + 2 days",
            "253402300799                  | epoch seconds of 9999",
            "'\"1999-12-31T23:59:59Z\"'    | before 2000",
            "0                             | the epoch itself",
            "-1751620391                   | a negative epoch",
            "'\"12345\"'                   | a small digit string",
            "1.5E+30                       | far beyond any epoch",
            "true                          | a boolean",
    })
    void unreadableTimes(String json, String why) {
        assertThatThrownBy(() -> ProviderValues.time(JSON.readTree(json), "start_time", LATEST))
                .as(why).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("field 'start_time' has value");
    }

    @ParameterizedTest(name = "id {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "41                                          | 41",
            "\"41\"                                      | 41",
            "\"102cade84ea-e703-4400-b77d-8ed545d198ee\" | 102cade84ea-e703-4400-b77d-8ed545d198ee",
    })
    void idsAreText(String json, String expected) {
        assertThat(ProviderValues.id(node("id", json), "id")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "cpu_cores {0} -> {1}")
    @CsvSource(delimiter = '|', value = {"\"28\" | 28", "28 | 28", "\" 8 \" | 8"})
    void integersAsStringsOrNumbers(String json, int expected) {
        assertThat(ProviderValues.optionalInteger(node("cpu_cores", json), "cpu_cores")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "cpu_cores {0} is refused")
    @CsvSource(delimiter = '|', value = {"\"2.5\" | not a whole number", "\"many\" | not a number"})
    void badIntegers(String json, String problem) {
        assertThatThrownBy(() -> ProviderValues.optionalInteger(node("cpu_cores", json), "cpu_cores"))
                .hasMessageContaining("field 'cpu_cores'").hasMessageContaining(problem);
    }

    private static JsonNode node(String field, String json) {
        return JSON.readTree("{\"" + field + "\":" + json + "}");
    }
}
