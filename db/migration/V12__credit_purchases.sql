-- Purchases of credits (card or crypto) from the charge history's transaction shape: top-ups of the prepaid balance,
-- stored apart from the charges because they are not cost. One row per provider transaction id, replaced when shown
-- again.
CREATE TABLE account_credit_purchase (
    purchase_id   VARCHAR(255)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    credit_amount DECIMAL(24,8) NOT NULL,
    status        VARCHAR(255),
    expire_time   TIMESTAMP WITH TIME ZONE,
    account_id    VARCHAR(255),
    fetched_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_account_credit_purchase PRIMARY KEY (purchase_id)
);
