package com.gpuledger.run;

/**
 * Told once when a {@code run} ends, whatever its outcome. A run that holds the lease tells its observers before it
 * releases it, so what they do (a delivery) cannot race a {@code deliver} command. An observer that throws is logged
 * and never changes the run's exit code.
 */
public interface RunObserver {

    void runEnded(RunEnded run);
}
