package com.gpuledger.cost;

/** An instance the date could not capture: {@code FAILED} (not captured) or {@code NOT_FOUND} (vanished). */
record FailureReading(String instanceId, String kind, String reason) {

    boolean vanished() {
        return "NOT_FOUND".equals(kind);
    }
}
