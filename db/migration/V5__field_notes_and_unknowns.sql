-- Field-level degradation (issue 12): a descriptive field that cannot be read is NULL, the snapshot is captured and
-- the field is noted; field names the parser does not know, and known ones that were absent, are noted by name.

ALTER TABLE instance_snapshot ALTER COLUMN gpu_type DROP NOT NULL;
ALTER TABLE instance_snapshot ALTER COLUMN gpu_count DROP NOT NULL;
-- the provider's own clock when it answered (its Date header): the counters' clock, for the periods' checks
ALTER TABLE instance_snapshot ADD COLUMN observed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE daily_instance_cost ALTER COLUMN gpu_count DROP NOT NULL;
-- a list price that could not be read: unknown, never guessed, and noted with the instance's snapshot
ALTER TABLE fetch_target ADD COLUMN list_price_value VARCHAR(64);
ALTER TABLE fetch_target ADD COLUMN list_price_problem VARCHAR(1000);
-- an hour whose serverless amount was not sent has it unknown, not 0
ALTER TABLE account_charge_hour ALTER COLUMN serverless_amount DROP NOT NULL;

-- Written with the snapshot it belongs to, replaced and cleared with it. value only for UNREADABLE: at most 40
-- characters, never the value of a field whose name looks like a secret; drift is kept by name only.
CREATE TABLE snapshot_field_note (
    report_date DATE          NOT NULL,
    instance_id VARCHAR(255)  NOT NULL,
    field_name  VARCHAR(64)   NOT NULL,
    kind        VARCHAR(16)   NOT NULL,
    field_value VARCHAR(64),
    problem     VARCHAR(1000),
    CONSTRAINT pk_snapshot_field_note PRIMARY KEY (report_date, instance_id, field_name, kind),
    CONSTRAINT ck_snapshot_field_note_kind CHECK (kind IN ('UNREADABLE', 'UNKNOWN', 'MISSING'))
);
CREATE INDEX ix_snapshot_field_note_kind ON snapshot_field_note (report_date, kind, field_name);

-- A closed charge hour the provider showed with other amounts on a later night (report_date: the run that saw it):
-- what it was before, for CHARGE_RESTATED.
CREATE TABLE charge_hour_restatement (
    bucket_start        TIMESTAMP WITH TIME ZONE NOT NULL,
    restated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    report_date         DATE          NOT NULL,
    previous_computing  DECIMAL(24,8) NOT NULL,
    previous_total      DECIMAL(24,8) NOT NULL,
    computing_amount    DECIMAL(24,8) NOT NULL,
    total               DECIMAL(24,8) NOT NULL,
    CONSTRAINT pk_charge_hour_restatement PRIMARY KEY (bucket_start, restated_at)
);
