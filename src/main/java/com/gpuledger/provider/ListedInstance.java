package com.gpuledger.provider;

import java.math.BigDecimal;

/**
 * An instance as a list page shows it: the list carries the hourly price, which the detail call does not.
 *
 * @param priceNote why the list's price could not be read (then {@code pricePerHour} is null), or null
 */
public record ListedInstance(String id, BigDecimal pricePerHour, FieldNote priceNote) {

    /** The name under which an unreadable list price is noted. */
    public static final String LIST_PRICE = "price_per_hour (list)";
}
