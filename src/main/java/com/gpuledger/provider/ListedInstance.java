package com.gpuledger.provider;

import java.math.BigDecimal;

/** An instance as a list page shows it: the list carries the hourly price, which the detail call does not. */
public record ListedInstance(String id, BigDecimal pricePerHour) {
}
