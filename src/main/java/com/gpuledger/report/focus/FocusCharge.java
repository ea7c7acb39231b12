package com.gpuledger.report.focus;

import java.math.BigDecimal;
import java.time.Instant;

import com.gpuledger.report.InstanceCostRow;

/**
 * One row of the FOCUS file: an instance's known cost for the date, or the part of it that falls into one billing
 * period when its charge period crosses a billing period's end. {@code cost} and {@code hours} are that part's.
 */
record FocusCharge(InstanceCostRow instance, Instant chargeStart, Instant chargeEnd, Instant billingStart,
        Instant billingEnd, BigDecimal cost, BigDecimal hours) {
}
