package com.gpuledger.delivery;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code LEDGER_ALERT_WEBHOOK_URL}: a Slack-compatible incoming webhook; none, no alerts. The URL is a secret (its path is
 * the token): it is never logged, never stored, never printed by {@link #toString()}. {@code LEDGER_ALERT_DEADLINE}:
 * the whole exchange, connect to the last byte of the answer, whatever the connect and read timeouts allow.
 */
@ConfigurationProperties("ledger.alert")
record AlertProperties(URI webhookUrl, @DefaultValue("5s") Duration connectTimeout, @DefaultValue("20s") Duration readTimeout,
                       @DefaultValue("30s") Duration deadline) {

    boolean wanted() {
        return webhookUrl != null && !webhookUrl.toString().isBlank();
    }

    /** Where alerts go, without the secret part: scheme, host and port. */
    String target() {
        return webhookUrl.getScheme() + "://" + webhookUrl.getHost() + (webhookUrl.getPort() < 0 ? "" : ":" + webhookUrl.getPort());
    }

    @Override
    public String toString() {
        return "AlertProperties[webhookUrl=" + (wanted() ? "(set)" : "none") + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", deadline=" + deadline + "]";
    }
}
