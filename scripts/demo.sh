#!/usr/bin/env bash
# The product in one command: builds the jar if needed, then runs the simulator and the real nightly job for the
# last N nights (default 30, fleet of 200). Outputs go to data/demo/ and reports/demo/ under LEDGER_HOME (default:
# the current directory). Options: --days=30 --fleet-size=200 --seed=42 --end-date=YYYY-MM-DD
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/gpu-ledger" demo "$@"
