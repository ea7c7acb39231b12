package com.gpuledger.delivery;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * A report date to deliver: how its last run ended and, once its reports are published, its digest and workbook.
 *
 * @param exitCode   the exit code of the date's last run; null when none has ended
 * @param runMessage that run's last line (why it failed), may be null
 * @param day        null when the date has no published reports
 * @param workbook   the published workbook; null when there is none
 */
record DeliveryOccasion(LocalDate reportDate, Integer exitCode, String runMessage, DayDigest day, Path workbook) {
}
