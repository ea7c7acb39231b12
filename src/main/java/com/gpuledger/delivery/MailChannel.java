package com.gpuledger.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** The day's mail: one message per report date once its reports are published, the workbook attached. */
final class MailChannel implements DeliveryChannel {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final JavaMailSender sender;
    private final String from;
    private final List<String> to;

    MailChannel(JavaMailSender sender, String from, List<String> to) {
        this.sender = sender;
        this.from = from;
        this.to = List.copyOf(to);
    }

    @Override
    public String channel() {
        return "MAIL";
    }

    @Override
    public String target() {
        return String.join(",", to);
    }

    @Override
    public boolean due(DeliveryOccasion occasion) {
        return occasion.day() != null && occasion.workbook() != null && Files.isRegularFile(occasion.workbook());
    }

    @Override
    public String send(DeliveryOccasion occasion) {
        String workbookName = occasion.workbook().getFileName().toString();
        DayMail mail = DayMail.of(occasion.day(), workbookName);
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to.toArray(String[]::new));
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
            helper.addAttachment(workbookName, new FileSystemResource(occasion.workbook()), XLSX);
        } catch (MessagingException e) {
            throw new MailPreparationException("the mail could not be composed: " + e.getMessage(), e);
        }
        sender.send(message);
        return mail.subject();
    }
}
