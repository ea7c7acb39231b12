package com.gpuledger.run;

import com.gpuledger.provider.ProviderText;

/**
 * How a run ended, as {@code ledger_run} records it and the exit code tells cron.
 *
 * @param name {@code SUCCEEDED}, {@code PARTIAL}, {@code DISCREPANCY}, {@code FAILED} or {@code REFUSED}
 */
public record RunOutcome(String name, ExitCode exitCode, Integer discovered, Integer captured, Integer failed,
                         Integer notFound, String message) {

    /** The message may quote the provider: the token is masked in it before it reaches ledger_run or the log. */
    public RunOutcome {
        message = ProviderText.withoutSecrets(message);
    }

    static RunOutcome failed(String message) {
        return new RunOutcome("FAILED", ExitCode.FAILED, null, null, null, null, message);
    }

    static RunOutcome refused(String message) {
        return new RunOutcome("REFUSED", ExitCode.USAGE, null, null, null, null, message);
    }
}
