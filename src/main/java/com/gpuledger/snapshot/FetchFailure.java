package com.gpuledger.snapshot;

import java.time.Instant;
import java.time.LocalDate;

import com.gpuledger.provider.ProviderText;

/** A row of {@code fetch_failure}: an instance that could not be captured, and why. */
public record FetchFailure(
        LocalDate reportDate,
        String instanceId,
        Kind kind,
        String reason,
        Integer httpStatus,
        int attempts,
        Instant failedAt,
        long runId) {

    /** The reason may quote the provider: the token is masked in it before it is stored or reported. */
    public FetchFailure {
        reason = ProviderText.withoutSecrets(reason);
    }

    public enum Kind {
        /** Still failing after the retries, or unparseable: the run's exit code is 2. */
        FAILED,
        /** The provider answered 404: the instance vanished. Not a failure of the run. */
        NOT_FOUND
    }
}
