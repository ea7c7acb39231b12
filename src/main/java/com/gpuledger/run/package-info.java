/** One nightly run: the lease that keeps runs apart, the date rules, the job launch and its exit code. */
package com.gpuledger.run;
