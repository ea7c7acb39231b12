package com.gpuledger.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class FractionTests {

    @Test
    void sharesAddUpExactlyWhereDecimalsCannot() {
        // three thirds of $1 are $1, not $0.99999999
        Fraction third = Fraction.share(BigDecimal.ONE, 1200, 3600);
        Fraction whole = third.plus(third).plus(third);

        assertThat(whole.compareTo(Fraction.of(BigDecimal.ONE))).isZero();
        assertThat(third.exactDecimal()).isNull();
        assertThat(third.rounded(8)).isEqualByComparingTo("0.33333333");
        assertThat(whole.exactDecimal()).isEqualByComparingTo("1");
    }

    @Test
    void comparesAndSignsExactly() {
        Fraction a = Fraction.share(new BigDecimal("0.0001"), 1, 3);
        Fraction b = Fraction.of(new BigDecimal("0.00003333"));

        assertThat(a.compareTo(b)).isPositive();
        assertThat(b.minus(a).signum()).isNegative();
        assertThat(b.minus(a).abs().compareTo(a.minus(b))).isZero();
        assertThat(a.max(b)).isEqualTo(a);
    }
}
