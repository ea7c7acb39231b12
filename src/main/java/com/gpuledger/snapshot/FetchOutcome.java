package com.gpuledger.snapshot;

/** What fetching one target gave: a snapshot, or a failure; exactly one of the two is set. */
record FetchOutcome(FetchTarget target, InstanceSnapshot snapshot, FetchFailure failure) {

    static FetchOutcome captured(FetchTarget target, InstanceSnapshot snapshot) {
        return new FetchOutcome(target, snapshot, null);
    }

    static FetchOutcome failed(FetchTarget target, FetchFailure failure) {
        return new FetchOutcome(target, null, failure);
    }

    TargetState state() {
        if (snapshot != null) {
            return TargetState.CAPTURED;
        }
        return failure.kind() == FetchFailure.Kind.NOT_FOUND ? TargetState.NOT_FOUND : TargetState.FAILED;
    }

    enum TargetState {
        PENDING, CAPTURED, FAILED, NOT_FOUND
    }
}
