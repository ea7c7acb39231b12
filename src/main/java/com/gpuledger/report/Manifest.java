package com.gpuledger.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code manifest.json}, written last: what the set holds and how to check it. Amounts are strings in the CSV amount
 * format, so no JSON reader turns them into doubles. A file's {@code rows} are its data rows: for a CSV the lines after
 * the header; for the workbook the data rows of its table sheets together (By Region, By GPU Type, Region x GPU Type,
 * Instances, Findings), headers, totals rows and the Summary excluded.
 */
final class Manifest {

    static final String NAME = "manifest.json";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Manifest() {
    }

    /** @return 0: the manifest does not list itself */
    static long write(OutputStream out, DailyReport report, Instant generatedAt, List<PublishedFile> files) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("report_date", report.reportDate().toString());
        root.put("run_id", report.runId());
        root.put("generated_at", ReportValues.instant(generatedAt));
        root.put("business_time_zone", report.businessTimeZone().getId());
        ObjectNode period = root.putObject("period");
        period.put("start", ReportValues.instant(report.periodStart()));
        period.put("end", ReportValues.instant(report.periodEnd()));
        root.put("app_version", report.appVersion());
        ArrayNode list = root.putArray("files");
        for (PublishedFile file : files) {
            list.addObject().put("name", file.name()).put("rows", file.rows()).put("sha256", file.sha256());
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("cost_usd", ReportValues.amount(report.totalCostUsd()));
        totals.put("unknown_cost_count", report.unknownCostCount());
        totals.put("month_to_date_usd", ReportValues.amount(report.monthToDateUsd()));
        out.write(JSON.writeValueAsBytes(root));
        out.write('\n');
        return 0;
    }

    /** The listed files of a manifest, for checking a folder found after a crash. */
    static List<PublishedFile> files(byte[] manifest) {
        return JSON.readTree(manifest).path("files").valueStream()
                .map(file -> new PublishedFile(file.path("name").asString(), file.path("rows").asLong(), file.path("sha256").asString()))
                .toList();
    }
}
