#!/usr/bin/env bash
# What cron calls: one nightly run of gpu-ledger, never two at once.
#   - never builds: runs LEDGER_JAR (default target/gpu-ledger.jar of this repository; missing: exit 64), started as
#     scripts/launch.sh says (the class-data archive scripts/gpu-ledger made for that jar, when there is one)
#   - has the jar read the environment files (`gpu-ledger environment`): LEDGER_ENV_FILE alone if set (missing: exit
#     64), otherwise /etc/gpu-ledger.env then ./.env, later files overriding earlier ones, variables already set
#     winning over files; any mistake in them (unreadable, not UTF-8, an unknown name) stops it with exit 64
#   - LEDGER_HOME defaults to this repository; takes a flock (a second invocation exits 75 at once)
#   - runs `gpu-ledger run --metrics "$@"` (e.g. --date=2026-11-25) into LEDGER_LOG_DIR/gpu-ledger-YYYY-MM-DD.log:
#     the one run that writes the metrics file monitoring reads
#   - deletes report folders older than LEDGER_REPORT_RETENTION_DAYS (400) and logs older than
#     LEDGER_LOG_RETENTION_DAYS (30), by the date in their names; never the database
#   - exits with the job's exit code (0 ok, 2 not all captured, 3 reconciliation, 1 failed, 64 usage, 75 busy)
set -uo pipefail
umask 077 # the database, its password files, logs and reports are the job's OS user's alone

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
    cat <<'USAGE'
usage: scripts/nightly.sh [--date=YYYY-MM-DD]

What cron calls: one nightly 'gpu-ledger run' (default date: yesterday in LEDGER_TIMEZONE), never two at once.
Runs LEDGER_JAR (default target/gpu-ledger.jar; never builds), which reads the environment files
(LEDGER_ENV_FILE, or /etc/gpu-ledger.env then ./.env; a mistake in them: exit 64), appends the run's output to
LEDGER_LOG_DIR/gpu-ledger-YYYY-MM-DD.log, prints the run's last line (and the log's tail when it did not go
well), removes reports older than LEDGER_REPORT_RETENTION_DAYS (400) and logs older than
LEDGER_LOG_RETENTION_DAYS (30), and exits with the job's exit code:
  0 ok, 2 not all captured, 3 reconciliation FAIL or ERROR finding, 1 failed, 64 usage, 75 another run holds the lock.
USAGE
}

for argument in "$@"; do
    case "$argument" in
        -h|--help) usage; exit 0 ;;
    esac
done

# The environment files are read by the jar itself, by its rules and checks (an unreadable or non-UTF-8 file, an
# unknown name: exit 64 before anything starts); its LEDGER_* variables, secrets left out, are what this script uses.
jar="${LEDGER_JAR:-$repo/target/gpu-ledger.jar}"
[ -f "$jar" ] || { echo "nightly: $jar is missing: build it once with 'mvn -B -DskipTests package' (nightly never builds)" >&2; exit 64; }
# shellcheck source=scripts/launch.sh
. "$repo/scripts/launch.sh"
ledger_launch "$jar" environment
variables="$(java "${launch[@]}" environment)" || exit $?
eval "$variables"

export LEDGER_HOME="${LEDGER_HOME:-$repo}"
jar="${LEDGER_JAR:-$jar}"
[ -f "$jar" ] || { echo "nightly: $jar (LEDGER_JAR) is missing: build it once with 'mvn -B -DskipTests package' (nightly never builds)" >&2; exit 64; }

log_dir="${LEDGER_LOG_DIR:-$LEDGER_HOME/logs}"
reports_dir="${LEDGER_REPORTS_DIR:-$LEDGER_HOME/reports}"
mkdir -p "$log_dir" "$LEDGER_HOME/data" || exit 1

lock="$LEDGER_HOME/data/nightly.lock"
exec 9>"$lock" || { echo "nightly: cannot open the lock file $lock" >&2; exit 1; }
if ! flock -n 9; then
    echo "nightly: another nightly run holds $lock; not starting a second one" >&2
    exit 75
fi

today="$(TZ="${LEDGER_TIMEZONE:-America/New_York}" date +%F)"
log="$log_dir/gpu-ledger-$today.log"
echo "=== $(date -u +%FT%TZ) nightly run $* (pid $$)" >> "$log"
# started as scripts/launch.sh says; the class-data archive is used when scripts/gpu-ledger has made it
ledger_launch "$jar" run
java "${launch[@]}" run --metrics "$@" >> "$log" 2>&1 9>&-
code=$?

# Retention by the date in the names; the database is never touched.
cutoff_reports="$(date -u -d "-${LEDGER_REPORT_RETENTION_DAYS:-400} days" +%F)"
cutoff_logs="$(date -u -d "-${LEDGER_LOG_RETENTION_DAYS:-30} days" +%F)"
if [ -d "$reports_dir" ]; then
    for folder in "$reports_dir"/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] "$reports_dir"/[0-9][0-9][0-9][0-9]-[0-9][0-9]; do
        [ -d "$folder" ] || continue
        name="$(basename "$folder")"
        # a month folder is as old as its last day
        [ ${#name} -eq 7 ] && name="$(date -u -d "$name-01 +1 month -1 day" +%F)"
        if [[ "$name" < "$cutoff_reports" ]]; then rm -rf -- "$folder" && echo "nightly: removed old reports $folder" >> "$log"; fi
    done
fi
for file in "$log_dir"/gpu-ledger-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].log; do
    [ -f "$file" ] || continue
    name="$(basename "$file" .log)"; name="${name#gpu-ledger-}"
    if [[ "$name" < "$cutoff_logs" ]]; then rm -f -- "$file"; fi
done

# cron mails what is printed: the summary line always, the log's tail when it did not go well
tail -n 1 "$log"
if [ "$code" -ne 0 ]; then
    echo "nightly: exit code $code; the last lines of $log:" >&2
    tail -n 20 "$log" >&2
fi
exit "$code"
