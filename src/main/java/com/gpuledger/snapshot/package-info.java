/** The snapshot step of the nightly job: discover every instance, fetch each detail, store exact snapshots. */
package com.gpuledger.snapshot;
