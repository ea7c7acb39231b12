package com.gpuledger.cost;

public enum Severity {
    INFO, WARN, ERROR
}
