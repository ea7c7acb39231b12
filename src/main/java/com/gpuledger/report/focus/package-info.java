/**
 * The FOCUS file of a report date ({@code focus-D.csv}): FinOps Open Cost and Usage Specification rows for tools, in
 * version 1.2 or 1.3 ({@code LEDGER_FOCUS_VERSION}). Its text is kept as it came (no spreadsheet neutralisation), a
 * charge period never crosses its billing period (rows are split at the boundary), and a SKU price id carries one list
 * price per file.
 */
package com.gpuledger.report.focus;
