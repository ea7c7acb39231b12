-- What was delivered for a report date, one row per channel and target, updated in place: a SENT row is never sent
-- again (unless 'deliver --date=D --again'), a FAILED one is retried by the next run or by 'deliver --date=D'.
-- target names where it went without its secret: the mail recipients, the webhook's scheme and host (its path is the token).
CREATE TABLE report_delivery (
    report_date     DATE          NOT NULL,
    channel         VARCHAR(16)   NOT NULL,
    target          VARCHAR(1000) NOT NULL,
    status          VARCHAR(8)    NOT NULL,
    attempts        INTEGER       NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    last_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    message         VARCHAR(4000),
    CONSTRAINT pk_report_delivery PRIMARY KEY (report_date, channel, target),
    CONSTRAINT ck_report_delivery_channel CHECK (channel IN ('MAIL', 'WEBHOOK')),
    CONSTRAINT ck_report_delivery_status CHECK (status IN ('SENT', 'FAILED')),
    CONSTRAINT ck_report_delivery_sent CHECK ((status = 'SENT') = (sent_at IS NOT NULL))
);
CREATE INDEX ix_report_delivery_status ON report_delivery (status, report_date);
