/** Analysts' read-only access to the snapshot database: one checked statement, always rolled back. */
package com.gpuledger.query;
