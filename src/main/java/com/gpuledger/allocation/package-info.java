/** Who spent it: allocation of every cost line to a cost center, team, project and environment, and monthly budgets. */
package com.gpuledger.allocation;
