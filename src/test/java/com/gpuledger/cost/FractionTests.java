package com.gpuledger.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every operation on exact expected values written as {@code numerator/denominator} in lowest terms. */
class FractionTests {

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
            "1/3, 1/6, 1/2",
            "1/3, -1/3, 0/1",
            "1/2, -3/4, -1/4",
            "-7/3600, -5/3600, -1/300",
            "123456789012345678901234567890/7, 1/7, 123456789012345678901234567891/7",
            "99999999999999999999/100000000, 1/100000000, 1000000000000/1"})
    void plus(String a, String b, String sum) {
        assertThat(f(a).plus(f(b))).isEqualTo(f(sum));
        assertThat(f(b).plus(f(a))).isEqualTo(f(sum));
    }

    @ParameterizedTest(name = "{0} - {1} = {2}")
    @CsvSource({
            "1/2, 1/3, 1/6",
            "1/3, 1/2, -1/6",
            "-1/4, -1/4, 0/1",
            "0/1, 5/7, -5/7",
            "1000000000000000000000/1, 1/3, 2999999999999999999999/3"})
    void minus(String a, String b, String difference) {
        assertThat(f(a).minus(f(b))).isEqualTo(f(difference));
    }

    @ParameterizedTest(name = "{0} x {1} = {2}")
    @CsvSource({
            "2/3, 3/4, 1/2",
            "2/3, -3/4, -1/2",
            "-2/3, -3/4, 1/2",
            "5/7, 0/1, 0/1",
            "100000000000/3, 300000000000/7, 10000000000000000000000/7"})
    void times(String a, String b, String product) {
        assertThat(f(a).times(f(b))).isEqualTo(f(product));
    }

    @ParameterizedTest(name = "{0} x {1} / {2} = {3}")
    @CsvSource({"1/2, 3, 9, 1/6", "-5/6, 4, 10, -1/3", "7/1, 3600, 3600, 7/1"})
    void timesAndOverIntegers(String a, long factor, long divisor, String result) {
        assertThat(f(a).times(BigInteger.valueOf(factor)).over(BigInteger.valueOf(divisor))).isEqualTo(f(result));
    }

    @ParameterizedTest(name = "{0} x {1} / {2} = {3}")
    @CsvSource({"1, 1200, 3600, 1/3", "2.40, 1800, 3600, 6/5", "-0.36, 1, 3600, -1/10000", "0.00000001, 7, 9, 7/900000000"})
    void share(String amount, long part, long whole, String expected) {
        assertThat(Fraction.share(new BigDecimal(amount), part, whole)).isEqualTo(f(expected));
    }

    @ParameterizedTest(name = "of({0}) = {1}")
    @CsvSource({"0, 0/1", "0.00003333, 3333/100000000", "-2.50, -5/2", "1E+3, 1000/1",
            "12345678901234567890.12345678, 617283945061728394506172839/50000000"})
    void ofADecimal(String decimal, String expected) {
        assertThat(Fraction.of(new BigDecimal(decimal))).isEqualTo(f(expected));
    }

    @ParameterizedTest(name = "{0} compared with {1} is {2}")
    @CsvSource({
            "1/3, 33333333/100000000, 1",
            "33333333/100000000, 1/3, -1",
            "2/4, 1/2, 0",
            "-1/2, -1/3, -1",
            "-1/3, 1/3, -1",
            "0/1, 0/7, 0",
            "100000000000000000001/3, 100000000000000000000/3, 1"})
    void compare(String a, String b, int sign) {
        assertThat(Integer.signum(f(a).compareTo(f(b)))).isEqualTo(sign);
        assertThat(f(a).max(f(b))).isEqualTo(sign >= 0 ? f(a) : f(b));
        assertThat(f(a).min(f(b))).isEqualTo(sign <= 0 ? f(a) : f(b));
    }

    @ParameterizedTest(name = "{0} sign {1}, abs {2}, negated {3}")
    @CsvSource({"-3/4, -1, 3/4, 3/4", "0/1, 0, 0/1, 0/1", "5/2, 1, 5/2, -5/2"})
    void signAbsNegate(String a, int signum, String abs, String negated) {
        assertThat(f(a).signum()).isEqualTo(signum);
        assertThat(f(a).abs()).isEqualTo(f(abs));
        assertThat(f(a).negate()).isEqualTo(f(negated));
    }

    /** Stored at 8 decimals, half-even: a tie goes to the even last digit, on either side of zero. */
    @ParameterizedTest(name = "{0} stored as {1}")
    @CsvSource({
            "1/3, 0.33333333",
            "2/3, 0.66666667",
            "-1/3, -0.33333333",
            "-2/3, -0.66666667",
            "5/1000000000, 0.00000000",
            "15/1000000000, 0.00000002",
            "25/1000000000, 0.00000002",
            "35/1000000000, 0.00000004",
            "-25/1000000000, -0.00000002",
            "-35/1000000000, -0.00000004",
            "7/1, 7.00000000",
            "100000000000000000001/3, 33333333333333333333.66666667"})
    void roundedToEightDecimalsHalfEven(String a, String stored) {
        assertThat(f(a).rounded(8)).isEqualTo(new BigDecimal(stored));
    }

    @ParameterizedTest(name = "{0} is exactly {1}")
    @CsvSource(value = {"1/8, 0.125", "-7/20, -0.35", "3/1, 3", "1/3, NULL", "1/3600, NULL"}, nullValues = "NULL")
    void exactDecimalOnlyForDenominatorsOfTwosAndFives(String a, String decimal) {
        BigDecimal exact = f(a).exactDecimal();
        if (decimal == null) {
            assertThat(exact).isNull();
        } else {
            assertThat(exact).isEqualByComparingTo(decimal);
        }
    }

    @Test
    void aNegativeDenominatorMovesItsSignUpAndTermsAreLowest() {
        assertThat(new Fraction(BigInteger.valueOf(2), BigInteger.valueOf(-4)))
                .isEqualTo(new Fraction(BigInteger.valueOf(-1), BigInteger.TWO));
        assertThat(new Fraction(BigInteger.ZERO, BigInteger.valueOf(-9))).isEqualTo(Fraction.ZERO);
    }

    @Test
    void aFractionOverZeroIsRefused() {
        assertThatThrownBy(() -> new Fraction(BigInteger.ONE, BigInteger.ZERO)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void sharesAddUpExactlyWhereDecimalsCannot() {
        // three thirds of $1 are $1, not $0.99999999
        Fraction third = Fraction.share(BigDecimal.ONE, 1200, 3600);
        Fraction whole = third.plus(third).plus(third);

        assertThat(whole).isEqualTo(Fraction.of(BigDecimal.ONE));
        assertThat(whole.exactDecimal()).isEqualByComparingTo("1");
    }

    private static Fraction f(String text) {
        String[] parts = text.split("/");
        return new Fraction(new BigInteger(parts[0]), new BigInteger(parts[1]));
    }
}
