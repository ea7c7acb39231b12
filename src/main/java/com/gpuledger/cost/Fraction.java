package com.gpuledger.cost;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact rational amount. A charge bucket cut by the window's edge counts for amount x overlap / length, which no
 * decimal holds exactly (3600 has the factor 9): the reconciliation adds and compares such shares as fractions, and
 * rounds only where a value is stored or shown.
 */
record Fraction(BigInteger numerator, BigInteger denominator) implements Comparable<Fraction> {

    static final Fraction ZERO = new Fraction(BigInteger.ZERO, BigInteger.ONE);

    Fraction {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("a fraction over zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
    }

    static Fraction of(BigDecimal value) {
        return value.scale() <= 0 ? new Fraction(value.toBigIntegerExact(), BigInteger.ONE)
                : new Fraction(value.unscaledValue(), BigInteger.TEN.pow(value.scale()));
    }

    /** {@code value x part / whole}, exactly. */
    static Fraction share(BigDecimal value, long part, long whole) {
        return of(value).times(BigInteger.valueOf(part)).over(BigInteger.valueOf(whole));
    }

    Fraction plus(Fraction other) {
        return new Fraction(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    Fraction minus(Fraction other) {
        return plus(other.negate());
    }

    Fraction negate() {
        return new Fraction(numerator.negate(), denominator);
    }

    Fraction abs() {
        return signum() < 0 ? negate() : this;
    }

    Fraction times(BigInteger factor) {
        return new Fraction(numerator.multiply(factor), denominator);
    }

    Fraction times(Fraction other) {
        return new Fraction(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    Fraction over(BigInteger divisor) {
        return new Fraction(numerator, denominator.multiply(divisor));
    }

    Fraction max(Fraction other) {
        return compareTo(other) >= 0 ? this : other;
    }

    Fraction min(Fraction other) {
        return compareTo(other) <= 0 ? this : other;
    }

    int signum() {
        return numerator.signum();
    }

    /** Rounded half-even at the given scale: for storing and showing only. */
    BigDecimal rounded(int scale) {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), scale, RoundingMode.HALF_EVEN);
    }

    /** Exact when it is a decimal (a denominator of only 2s and 5s), else null. */
    BigDecimal exactDecimal() {
        try {
            return new BigDecimal(numerator).divide(new BigDecimal(denominator));
        } catch (ArithmeticException nonTerminating) {
            return null;
        }
    }

    @Override
    public int compareTo(Fraction other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }
}
