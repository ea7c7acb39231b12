package com.gpuledger.snapshot;

/** What fetching one target gave: a snapshot, or a failure; exactly one of the two is set. */
record FetchOutcome(FetchTarget target, InstanceSnapshot snapshot, FetchFailure failure) {

    static FetchOutcome captured(FetchTarget target, InstanceSnapshot snapshot) {
        return new FetchOutcome(target, snapshot, null);
    }

    static FetchOutcome failed(FetchTarget target, FetchFailure failure) {
        return new FetchOutcome(target, null, failure);
    }
}
