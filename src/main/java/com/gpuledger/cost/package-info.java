/** Daily cost from cumulative counters, the findings that qualify it, and the reconciliation with the account's charges. */
package com.gpuledger.cost;
