-- The provider's clock minus this machine's, as measured on the provider's answers (their Date header, to the second)
-- during the run; NULL when none said. The job reasons on the provider's clock: a run's start on it is
-- started_at + provider_clock_skew_ms.
ALTER TABLE ledger_run ADD COLUMN provider_clock_skew_ms BIGINT;

-- corrections_usd: what the instances' costs include outside the window (accrued before its first or after its last
-- whole charge hour), known from their prices and read times; the difference is instances - corrections - charges.
-- unknown_max_usd: the most the instances of unknown cost could have accrued in the window, NULL when unbounded
-- (an instance of unknown price) or when no instance's cost is unknown.
ALTER TABLE account_reconciliation ADD COLUMN corrections_usd DECIMAL(24,8);
ALTER TABLE account_reconciliation ADD COLUMN unknown_max_usd DECIMAL(24,8);

-- Why the run could not read the account's charge history (the call failed, or the answer was in neither documented
-- shape); NULL when it was read. While the stored hours do not cover the date's window, that is an ERROR finding.
ALTER TABLE ledger_run ADD COLUMN charge_history_problem VARCHAR(4000);
