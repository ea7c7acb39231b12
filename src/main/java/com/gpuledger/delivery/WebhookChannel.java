package com.gpuledger.delivery;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import com.gpuledger.provider.ProviderText;

/**
 * The chat alert: a Slack-compatible {@code {"text": ...}} POST for a date that has an ERROR finding, a reconciliation
 * FAIL, a budget finding, or whose run ended with exit 1 (failed) or 2 (instances not captured).
 */
final class WebhookChannel implements DeliveryChannel {

    /** An instance id as the alert shows it: the provider chose it. */
    private static final int MAX_ID = 80;

    private final RestClient client;
    private final URI url;
    private final String target;

    WebhookChannel(RestClient client, URI url, String target) {
        this.client = client;
        this.url = url;
        this.target = target;
    }

    @Override
    public String channel() {
        return "WEBHOOK";
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public boolean due(DeliveryOccasion occasion) {
        return !reasons(occasion).isEmpty();
    }

    @Override
    public String send(DeliveryOccasion occasion) {
        String text = text(occasion);
        client.post().uri(url).contentType(MediaType.APPLICATION_JSON).body(Map.of("text", text)).retrieve().toBodilessEntity();
        return text;
    }

    /**
     * The message as Slack's mrkdwn reads it: every character escaped that could open a mention, a link or an entity
     * ({@code <!channel>}, {@code <https://...|text>}), so the provider's words and the ids it chose show as written.
     */
    static String text(DeliveryOccasion occasion) {
        return mrkdwn(plainText(occasion));
    }

    private static String mrkdwn(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String plainText(DeliveryOccasion occasion) {
        StringBuilder text = new StringBuilder("gpu-ledger ").append(occasion.reportDate()).append(": ")
                .append(String.join("; ", reasons(occasion)));
        DayDigest day = occasion.day();
        if (day != null) {
            text.append(". Total ").append(DayMail.usd(day.totalCostUsd())).append(" (MTD ").append(DayMail.usd(day.monthToDateUsd()))
                    .append("), reconciliation ").append(day.reconciliationStatus()).append('.');
            day.findings().stream().filter(finding -> finding.severity().equals("ERROR") || finding.kind().startsWith("BUDGET_"))
                    .limit(5).forEach(finding -> text.append("\n- ").append(finding.severity()).append(' ').append(finding.kind())
                            .append(finding.instanceId() == null ? "" : " " + ProviderText.cut(finding.instanceId(), MAX_ID))
                            .append(": ").append(ProviderText.cut(finding.detail(), DayDigest.MAX_DETAIL)));
        }
        return text.toString();
    }

    private static String said(DeliveryOccasion occasion) {
        return occasion.runMessage() == null ? "" : ": " + ProviderText.cut(occasion.runMessage(), DayDigest.MAX_DETAIL);
    }

    private static List<String> reasons(DeliveryOccasion occasion) {
        List<String> reasons = new ArrayList<>();
        Integer exit = occasion.exitCode();
        if (exit != null && exit == 1) {
            reasons.add("the run failed (exit 1)" + said(occasion));
        } else if (exit != null && exit == 2) {
            reasons.add("some instances could not be captured (exit 2)" + said(occasion));
        }
        DayDigest day = occasion.day();
        if (day != null) {
            if (day.reconciliationFailed()) {
                reasons.add("account reconciliation FAIL");
            }
            long errors = day.findings().stream().filter(finding -> finding.severity().equals("ERROR")).count();
            if (errors > 0) {
                reasons.add(errors + " ERROR finding" + (errors == 1 ? "" : "s"));
            }
            int budgets = day.budgetFindings().size();
            if (budgets > 0) {
                reasons.add(budgets + " budget finding" + (budgets == 1 ? "" : "s"));
            }
        }
        return reasons;
    }
}
