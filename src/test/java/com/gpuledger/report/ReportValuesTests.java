package com.gpuledger.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportValuesTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1.5            | 1.5000",
            "0.12345678     | 0.12345678",
            "2.12340000     | 2.1234",
            "2.12345000     | 2.12345",
            "1E+3           | 1000.0000",
            "0.00000001     | 0.00000001",
            "1E-8           | 0.00000001",
            "0              | 0.0000",
            "0E-8           | 0.0000",
            "-1.2500        | -1.2500",
            "-0.00000001    | -0.00000001",
            "12345678901234567.12345678 | 12345678901234567.12345678",
            "575.04000000   | 575.0400",
            "100            | 100.0000",
    })
    void amountsKeepTheirStoredValueWithAtLeastFourDecimals(String stored, String written) {
        assertThat(ReportValues.amount(new BigDecimal(stored))).isEqualTo(written);
    }

    @Test
    void noAmountIsAnEmptyField() {
        assertThat(ReportValues.amount(null)).isNull();
        assertThat(ColumnKind.MONEY.csv(null)).isNull();
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`=HYPERLINK(\"x\")` | `'=HYPERLINK(\"x\")`",
            "+1                  | '+1",
            "-2                  | '-2",
            "@SUM(A1)            | '@SUM(A1)",
            "gpu-node-1          | gpu-node-1",
            "`a=b`               | `a=b`",
            "` =1`               | `' =1`",
            "`\u3000=1`          | `'\u3000=1`",
            "\uFF1D1             | '\uFF1D1",
            "\uFF0B1             | '\uFF0B1",
            "\uFF0D1             | '\uFF0D1",
            "\uFF201             | '\uFF201",
            ";=1                 | ';=1",
            "`|calc`             | `'|calc`",
            "`a;b|c`             | `a;b|c`",
            "`   `               | `   `",
    })
    void formulaLikeFreeTextGetsALeadingApostrophe(String text, String written) {
        assertThat(ColumnKind.FREE_TEXT.csv(text)).isEqualTo(written);
    }

    @Test
    void tabAndCarriageReturnAreNeutralisedToo() {
        assertThat(ReportValues.neutralise("\tfoo")).isEqualTo("'\tfoo");
        assertThat(ReportValues.neutralise("\rbar")).isEqualTo("'\rbar");
        assertThat(ReportValues.neutralise("")).isEmpty();
        assertThat(ReportValues.neutralise(null)).isNull();
    }

    @Test
    void numbersAndIdentifiersAreNeverAltered() {
        assertThat(ColumnKind.MONEY.csv(new BigDecimal("-1.25"))).isEqualTo("-1.2500");
        assertThat(ColumnKind.INTEGER.csv(-3)).isEqualTo("-3");
    }

    @Test
    void identifiersAreNeutralisedInHumanCsvs() {
        assertThat(ColumnKind.TEXT.csv("-id")).isEqualTo("'-id");
        assertThat(ColumnKind.TEXT.csv("i-1")).isEqualTo("i-1");
    }

    @Test
    void instantsAreUtcToTheSecond() {
        assertThat(ReportValues.instant(Instant.parse("2026-11-24T05:00:00Z"))).isEqualTo("2026-11-24T05:00:00Z");
        assertThat(ReportValues.instant(Instant.parse("2026-11-24T05:00:00.987Z"))).isEqualTo("2026-11-24T05:00:00Z");
        assertThat(ReportValues.instant(null)).isNull();
    }
}
