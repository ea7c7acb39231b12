package com.gpuledger.delivery;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.web.client.RestClient;

import com.gpuledger.provider.SecretMasking;
import com.gpuledger.report.ReportService;
import com.gpuledger.run.ExclusiveRun;
import com.gpuledger.run.UsageException;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MailAddresses.class, AlertProperties.class})
class DeliveryConfiguration {

    @Bean
    Delivery delivery(MailAddresses mail, AlertProperties alert, ObjectProvider<JavaMailSender> mailSender,
                      ObjectProvider<MailProperties> server,
                      RestClient.Builder restClients, JdbcClient jdbc, ReportService reports,
                      ObjectProvider<CostCenters> costCenters, ExclusiveRun exclusiveRun, Clock clock) {
        List<DeliveryChannel> channels = new ArrayList<>();
        if (mail.wanted()) {
            JavaMailSender sender = mailSender.getIfAvailable();
            if (sender == null) {
                throw new UsageException("LEDGER_MAIL_TO is set but SPRING_MAIL_HOST is not: no server to send the mail through");
            }
            if (mail.from() == null || mail.from().isBlank()) {
                throw new UsageException("LEDGER_MAIL_TO is set but LEDGER_MAIL_FROM is not: the mail needs a sender");
            }
            hideCredentials(server.getIfAvailable());
            channels.add(new MailChannel(bounded(sender, mail.deadline()), mail.from(), mail.to()));
        }
        if (alert.wanted()) {
            hideWebhook(alert);
            channels.add(new WebhookChannel(webhookClient(restClients, alert), alert.webhookUrl(), alert.target()));
        }
        return new Delivery(channels, new DeliveryRecords(jdbc), reports, costCenters.getIfAvailable(() -> CostCenters.NONE),
                exclusiveRun, clock);
    }

    /**
     * Boot's sender, every SMTP socket of it (plain, SSL or upgraded by STARTTLS) under {@code LEDGER_MAIL_DEADLINE}. Jakarta
     * Mail takes a {@code SocketFactory} instance as {@code mail.<protocol>.socketFactory}; a new set of properties drops
     * the session built from the old ones.
     */
    private static JavaMailSender bounded(JavaMailSender sender, Duration deadline) {
        if (!(sender instanceof JavaMailSenderImpl boot)) {
            throw new IllegalStateException("the mail sender is not Spring's JavaMailSenderImpl: its conversations cannot be bounded");
        }
        Properties properties = new Properties();
        properties.putAll(boot.getJavaMailProperties());
        for (String protocol : List.of("smtp", "smtps")) {
            if (properties.containsKey("mail." + protocol + ".socketFactory.class")) {
                throw new UsageException("spring.mail.properties.mail." + protocol + ".socketFactory.class would open sockets that "
                        + "LEDGER_MAIL_DEADLINE cannot bound: for SSL set SPRING_MAIL_PROPERTIES_MAIL_SMTP_SSL_ENABLE=true instead");
            }
        }
        DeadlineSockets sockets = new DeadlineSockets(deadline, "LEDGER_MAIL_DEADLINE");
        properties.put("mail.smtp.socketFactory", sockets);
        properties.put("mail.smtps.socketFactory", sockets);
        boot.setJavaMailProperties(properties);
        return boot;
    }

    /**
     * Spring's JDK request times the whole answer from the request's start (connect included) against its read timeout,
     * headers and body: the shorter of the read timeout and {@code LEDGER_ALERT_DEADLINE} bounds the exchange.
     */
    private static RestClient webhookClient(RestClient.Builder restClients, AlertProperties alert) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(shorter(alert.connectTimeout(), alert.deadline()))
                .version(HttpClient.Version.HTTP_1_1).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(shorter(alert.readTimeout(), alert.deadline()));
        return restClients.clone().requestFactory(requests).build();
    }

    private static Duration shorter(Duration one, Duration other) {
        return one.compareTo(other) <= 0 ? one : other;
    }

    /** The password, and the forms SMTP AUTH sends it in (PLAIN: base64 of "\0user\0password"; LOGIN: base64 of each). */
    private static void hideCredentials(MailProperties server) {
        if (server == null || server.getPassword() == null || server.getPassword().isEmpty()) {
            return;
        }
        String password = server.getPassword();
        String user = server.getUsername() == null ? "" : server.getUsername();
        SecretMasking.hide(password);
        SecretMasking.hide(base64(password));
        SecretMasking.hide(base64("\0" + user + "\0" + password));
        SecretMasking.hide(base64(user + "\0" + user + "\0" + password));
    }

    /** The whole URL, and its path and query without the host (a client may log either). */
    private static void hideWebhook(AlertProperties alert) {
        SecretMasking.hide(alert.webhookUrl().toString());
        String path = alert.webhookUrl().getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            SecretMasking.hide(path);
        }
        if (alert.webhookUrl().getRawQuery() != null) {
            SecretMasking.hide(alert.webhookUrl().getRawQuery());
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
