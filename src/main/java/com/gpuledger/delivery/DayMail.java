package com.gpuledger.delivery;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.web.util.HtmlUtils;

import com.gpuledger.provider.ProviderText;
import com.gpuledger.report.DailyTotal;
import com.gpuledger.report.FindingRow;
import com.gpuledger.report.InstanceCostRow;

/**
 * The day's mail: subject {@code GPU cost D: $TOTAL (MTD $M), reconciliation STATUS} and one summary, written as plain
 * text and as HTML from the same sections so the two never say different things. Amounts are rounded to cents for
 * display only (the attached workbook and the CSVs keep the stored values); an unknown amount reads "unknown".
 */
record DayMail(String subject, String text, String html) {

    static final String UNKNOWN = "unknown";

    /** The most findings listed in the mail; the workbook's Findings sheet has them all. */
    static final int MAX_FINDINGS = 50;

    /** A titled table of the summary; a section without rows is left out. */
    record Section(String title, List<String> headers, List<List<String>> rows, String note) {
    }

    static DayMail of(DayDigest day, String workbookName) {
        String subject = "GPU cost " + day.reportDate() + ": " + usd(day.totalCostUsd()) + " (MTD " + usd(day.monthToDateUsd())
                + "), reconciliation " + day.reconciliationStatus();
        List<Section> sections = sections(day);
        String footer = "The workbook " + workbookName + " is attached; amounts here are rounded to cents, the workbook "
                + "and the CSV files keep the exact values.";
        return new DayMail(subject, text(subject, sections, footer), html(subject, sections, footer));
    }

    private static List<Section> sections(DayDigest day) {
        List<Section> sections = new ArrayList<>();
        List<List<String>> summary = new ArrayList<>();
        summary.add(List.of("Total cost", usd(day.totalCostUsd())
                + (day.unknownCostCount() > 0 ? " (" + day.unknownCostCount() + " instances with unknown cost)" : "")));
        summary.add(List.of("Change against " + day.reportDate().minusDays(1), change(day.totalCostUsd(), day.previousDay())));
        summary.add(List.of("Month to date", usd(day.monthToDateUsd())));
        summary.add(List.of("Forecast for the month (estimate)", usd(day.forecastMonthUsd())));
        summary.add(List.of("Account reconciliation", day.reconciliationStatus()
                + (day.account() == null ? "" : ", difference " + usd(day.account().differenceUsd())
                + " within " + usd(day.account().boundUsd()))));
        sections.add(new Section("Summary", List.of(), summary,
                day.account() == null || day.account().reason() == null ? null : day.account().reason()));
        sections.add(new Section("Budgets", List.of("budget", "monthly", "month to date", "forecast", "status"),
                day.budgets().stream().map(budget -> List.of(budget.scope(), usd(budget.monthlyUsd()),
                        usd(budget.monthToDateUsd()), usd(budget.forecastMonthUsd()), budget.status())).toList(), null));
        sections.add(new Section("Top " + DayDigest.TOP + " instances by cost",
                List.of("instance", "host", "region", "GPU type", "cost"),
                day.topInstances().stream().map(DayMail::instance).toList(), null));
        sections.add(new Section("Top " + DayDigest.TOP + " cost centers by cost", List.of("cost center", "cost", "month to date"),
                day.topCostCenters().stream().map(center -> List.of(center.costCenter(), usd(center.costUsd())
                        + (center.unknownCostCount() > 0 ? " (" + center.unknownCostCount() + " unknown)" : ""),
                        usd(center.monthToDateUsd()))).toList(), null));
        List<FindingRow> findings = day.findings();
        sections.add(new Section("WARN and ERROR findings (" + findings.size() + ")",
                List.of("severity", "kind", "instance", "detail"),
                findings.stream().limit(MAX_FINDINGS).map(finding -> List.of(finding.severity(), finding.kind(),
                        finding.instanceId() == null ? "account" : finding.instanceId(),
                        ProviderText.cut(finding.detail(), DayDigest.MAX_DETAIL))).toList(),
                findings.size() > MAX_FINDINGS ? (findings.size() - MAX_FINDINGS) + " more in the workbook's Findings sheet" : null));
        return sections.stream().filter(section -> !section.rows().isEmpty()).toList();
    }

    private static List<String> instance(InstanceCostRow row) {
        return List.of(row.instanceId(), nonNull(row.hostName()), nonNull(row.region()), nonNull(row.gpuType()), usd(row.costUsd()));
    }

    /** The day against the one before: the difference and its share, or why there is none. */
    static String change(BigDecimal today, DailyTotal previous) {
        if (previous == null || previous.costUsd() == null) {
            return "no data for the day before";
        }
        if (today == null) {
            return UNKNOWN + " (the day before: " + usd(previous.costUsd()) + ")";
        }
        BigDecimal difference = today.subtract(previous.costUsd());
        String share = previous.costUsd().signum() == 0 ? ""
                : " (" + (difference.signum() > 0 ? "+" : "") + difference.multiply(BigDecimal.valueOf(100))
                .divide(previous.costUsd(), MathContext.DECIMAL64).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %)";
        return (difference.signum() > 0 ? "+" : "") + usd(difference) + share + " against " + usd(previous.costUsd());
    }

    /** {@code $1,234.57}, {@code -$0.50}, or "unknown". */
    static String usd(BigDecimal amount) {
        if (amount == null) {
            return UNKNOWN;
        }
        DecimalFormat format = new DecimalFormat("$#,##0.00;-$#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(amount);
    }

    private static String text(String subject, List<Section> sections, String footer) {
        StringBuilder text = new StringBuilder(subject).append("\n");
        for (Section section : sections) {
            text.append("\n").append(section.title()).append("\n").append("-".repeat(section.title().length())).append("\n");
            if (!section.headers().isEmpty()) {
                text.append(String.join(" | ", section.headers())).append("\n");
            }
            for (List<String> row : section.rows()) {
                text.append(section.headers().isEmpty() ? row.get(0) + ": " + String.join(" | ", row.subList(1, row.size()))
                        : String.join(" | ", row)).append("\n");
            }
            if (section.note() != null) {
                text.append(section.note()).append("\n");
            }
        }
        return text.append("\n").append(footer).append("\n").toString();
    }

    private static String html(String subject, List<Section> sections, String footer) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><title>")
                .append(escape(subject)).append("</title></head><body style=\"font-family:sans-serif\"><h2>")
                .append(escape(subject)).append("</h2>");
        for (Section section : sections) {
            html.append("<h3>").append(escape(section.title())).append("</h3><table border=\"1\" cellpadding=\"4\" "
                    + "style=\"border-collapse:collapse\">");
            if (!section.headers().isEmpty()) {
                html.append("<tr>");
                section.headers().forEach(header -> html.append("<th>").append(escape(header)).append("</th>"));
                html.append("</tr>");
            }
            for (List<String> row : section.rows()) {
                html.append("<tr>");
                for (int i = 0; i < row.size(); i++) {
                    String tag = section.headers().isEmpty() && i == 0 ? "th align=\"left\"" : "td";
                    html.append("<").append(tag).append(">").append(escape(row.get(i))).append("</")
                            .append(tag.split(" ")[0]).append(">");
                }
                html.append("</tr>");
            }
            html.append("</table>");
            if (section.note() != null) {
                html.append("<p>").append(escape(section.note())).append("</p>");
            }
        }
        return html.append("<p><small>").append(escape(footer)).append("</small></p></body></html>").toString();
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
