package com.gpuledger.allocation;

import java.math.BigDecimal;

/** What a rule looks at: one instance of a report date. Any field but the id may be null, and a null never matches. */
record Subject(String instanceId, String hostName, String region, String gpuType, String instanceType, BigDecimal costUsd) {
}
