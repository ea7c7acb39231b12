package com.gpuledger.provider;

import java.time.Instant;

/**
 * A provider time in UTC. {@code ambiguous} is set when the wall time was in the autumn overlap (the earlier
 * offset was taken) or in the spring gap (shifted forward), so the job can record {@code TIME_AMBIGUOUS}.
 */
public record ProviderTime(Instant instant, boolean ambiguous) {
}
