package com.gpuledger.snapshot;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import com.gpuledger.provider.TokenRefusedException;

/**
 * Stops every fetch worker of a run at the first refused token: the others then fail at once instead of finishing
 * their ranges with a token that cannot work. Reset when a fetch step starts (runs never overlap in a process).
 */
class TokenGuard implements StepExecutionListener {

    private volatile TokenRefusedException refused;

    @Override
    public void beforeStep(StepExecution stepExecution) {
        refused = null;
    }

    void check() {
        TokenRefusedException seen = refused;
        if (seen != null) {
            throw seen;
        }
    }

    void refused(TokenRefusedException e) {
        refused = e;
    }
}
