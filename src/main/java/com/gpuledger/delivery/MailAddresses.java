package com.gpuledger.delivery;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code LEDGER_MAIL_FROM}, {@code LEDGER_MAIL_TO} (comma-separated): who the day's mail is from and to; no recipients,
 * no mail. The server is Spring Boot's {@code spring.mail.*} ({@code SPRING_MAIL_HOST}, {@code _PORT}, ...).
 * {@code LEDGER_MAIL_DEADLINE}: the whole conversation with the server for one mail, connect to the last answer.
 */
@ConfigurationProperties("ledger.mail")
record MailAddresses(String from, @DefaultValue List<String> to, @DefaultValue("2m") Duration deadline) {

    MailAddresses {
        to = to.stream().map(String::strip).filter(address -> !address.isEmpty()).toList();
    }

    boolean wanted() {
        return !to.isEmpty();
    }
}
