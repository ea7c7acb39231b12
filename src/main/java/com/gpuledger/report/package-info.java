/** The report files of a date and of a month (CSV, FOCUS, workbook, manifest) and their atomic publication. */
package com.gpuledger.report;
