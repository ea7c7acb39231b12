/** The Prometheus textfile every run leaves for node_exporter's textfile collector (contracts section 10). */
package com.gpuledger.metrics;
