package com.gpuledger.snapshot;

/** Why an instance was fetched: it was listed as active, listed as deleted, or known from an earlier night only. */
public enum SnapshotSource {
    ACTIVE, DELETED, PREVIOUS
}
