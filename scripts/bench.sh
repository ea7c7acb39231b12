#!/usr/bin/env bash
# Benchmark: the real nightly job against the simulator in its own process, per fleet size.
#   scripts/bench.sh                      fleets of 1,000, 20,000 and 100,000 (default)
#   scripts/bench.sh 300                  a smoke run (CI runs this size)
# Settings (environment): BENCH_LATENCY_MS=25, BENCH_CONCURRENCY=32, BENCH_XMX=512m, BENCH_JAVA_OPTS (more JVM
# options for the job), BENCH_OUT=bench/results.md
# (BENCH_OUT=- prints only), BENCH_NAIVE=1 (also time one request at a time at the smallest size),
# BENCH_PG_URL / BENCH_PG_USER / BENCH_PG_PASSWORD (a PostgreSQL database to use instead of H2; emptied per size).
# For each size: wall time of the run and of each step, instances per second, efficiency = latency bound / fetch
# step time (bound = instances x latency / concurrency), peak resident memory of the job's JVM, database and report
# sizes, bytes per snapshot row.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$repo/target/gpu-ledger.jar"
latency="${BENCH_LATENCY_MS:-25}"
concurrency="${BENCH_CONCURRENCY:-32}"
xmx="${BENCH_XMX:-512m}"
out="${BENCH_OUT:-$repo/bench/results.md}"
naive="${BENCH_NAIVE:-1}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 20000 100000)
# a fixed simulated night, so every size and every run sees the same fleet
night_utc="2026-11-20T07:00:00Z"
report_date="2026-11-19"

[ -f "$jar" ] || (cd "$repo" && mvn -B -q -DskipTests package)
work="$(mktemp -d)"
sim_pid=""
cleanup() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# sets sim_pid and sim_port (not in a subshell, so the EXIT trap can stop it)
start_simulator() { # size
    sim_port="$(free_port)"
    java -Xmx2g -jar "$jar" simulate --port="$sim_port" --fleet-size="$1" --seed=42 --latency-ms="$latency" \
        --deleted-retention-days=1 > "$work/simulator-$1.log" 2>&1 &
    sim_pid=$!
    for _ in $(seq 1 600); do
        curl -sf "http://127.0.0.1:$sim_port/_sim/clock" > /dev/null 2>&1 && break
        sleep 0.1
    done
    curl -sf -X PUT "http://127.0.0.1:$sim_port/_sim/clock" -d "{\"now\":\"$night_utc\"}" > /dev/null
}

stop_simulator() { kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null || true; sim_pid=""; }

# the job's own database, as the job sees it
ledger_env() { # home port fetch-concurrency
    echo "LEDGER_HOME=$1" "LEDGER_API_URL=http://127.0.0.1:$2/api/v1" "LEDGER_API_TOKEN=demo" \
        "LEDGER_FETCH_CONCURRENCY=$3" "LEDGER_REPORTS_DIR=$1/reports"
    if [ -n "${BENCH_PG_URL:-}" ]; then
        echo "SPRING_DATASOURCE_URL=$BENCH_PG_URL" "SPRING_DATASOURCE_USERNAME=${BENCH_PG_USER:-postgres}" \
            "SPRING_DATASOURCE_PASSWORD=${BENCH_PG_PASSWORD:-}"
    fi
}

query() { # home port sql
    env $(ledger_env "$1" "$2" 1) java -jar "$jar" query "$3" --format=csv --as-owner 2>/dev/null | tail -n +2 | tr -d '\r'
}

# each size starts from an empty PostgreSQL schema (psql, with the same credentials)
empty_pg() {
    [ -n "${BENCH_PG_URL:-}" ] || return 0
    PGUSER="${BENCH_PG_USER:-postgres}" PGPASSWORD="${BENCH_PG_PASSWORD:-}" \
        psql "${BENCH_PG_URL#jdbc:}" -q -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;'
}

run_night() { # size fetch-concurrency label
    local size="$1" conc="$2" home="$work/$3-$1" port
    mkdir -p "$home"
    empty_pg
    start_simulator "$size"
    port="$sim_port"
    local start end
    start=$(date +%s.%N)
    env $(ledger_env "$home" "$port" "$conc") /usr/bin/time -v -o "$home/time.txt" \
        java -Xmx"$xmx" ${BENCH_JAVA_OPTS:-} -jar "$jar" run --date="$report_date" > "$home/run.log" 2>&1 || true
    end=$(date +%s.%N)
    local code; code=$(grep -o 'exit [0-9]*' "$home/run.log" | tail -1 | cut -d' ' -f2)
    if [ "${code:-}" != "0" ]; then
        failed="fleet $size: the run ended with exit ${code:-unknown} (log: $home/run.log)"
        cp "$home/run.log" "$repo/bench/failed-run.log" 2>/dev/null || true
    fi
    local rss; rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$home/time.txt")
    local steps; steps=$(query "$home" "$port" "SELECT step_name, CAST(EXTRACT(EPOCH FROM end_time) * 1000 - EXTRACT(EPOCH FROM start_time) * 1000 AS BIGINT) FROM batch_step_execution ORDER BY step_execution_id")
    local discovered; discovered=$(query "$home" "$port" "SELECT discovered_count FROM ledger_run WHERE command = 'run'")
    local rows; rows=$(query "$home" "$port" "SELECT COUNT(*) FROM instance_snapshot")
    local db_bytes
    if [ -n "${BENCH_PG_URL:-}" ]; then
        db_bytes=$(query "$home" "$port" "SELECT pg_database_size(current_database())")
    else
        db_bytes=$(du -sb "$home/data" | cut -f1)
    fi
    local report_bytes; report_bytes=$(du -sb "$home/reports" 2>/dev/null | cut -f1)
    stop_simulator
    python3 - "$size" "$conc" "$start" "$end" "$code" "$rss" "$discovered" "$rows" "$db_bytes" "${report_bytes:-0}" "$latency" "$steps" <<'PY'
import sys
size, conc, start, end, code, rss, discovered, rows, db, reports, latency, steps = sys.argv[1:]
steps = dict(line.split(",") for line in steps.strip().splitlines() if "," in line)
fetch = int(steps.get("fetchSnapshotsStep", "0")) / 1000
bound = int(discovered) * int(latency) / 1000 / int(conc)
wall = float(end) - float(start)
print("|".join([
    size, conc, discovered, code, f"{wall:.1f}",
    " / ".join(f"{int(steps.get(s, 0)) / 1000:.1f}" for s in ("discoverInstancesStep", "fetchSnapshotsStep", "reconcileStep", "reportStep")),
    f"{int(discovered) / fetch:.0f}" if fetch else "-", f"{bound:.2f}", f"{bound / fetch:.2f}" if fetch else "-",
    f"{int(rss) / 1024:.0f}", f"{int(db) / 1e6:.1f}", f"{int(reports) / 1e6:.1f}", f"{int(db) / max(1, int(rows)):.0f}"]))
PY
}

header="| fleet | concurrency | instances fetched | exit | wall s | steps s (discover / fetch / reconcile / report) | instances/s (fetch) | latency bound s | efficiency | peak RSS MiB | database MB | reports MB | database bytes per snapshot row |"
rule="|---|---|---|---|---|---|---|---|---|---|---|---|---|"
lines=()
failed=""
for size in "${sizes[@]}"; do
    echo "bench: fleet $size, concurrency $concurrency, latency ${latency} ms, -Xmx$xmx" >&2
    run_night "$size" "$concurrency" concurrent > "$work/row"
    lines+=("| $(sed 's/|/ | /g' "$work/row") |")
done
if [ "$naive" = "1" ]; then
    smallest="${sizes[0]}"
    echo "bench: fleet $smallest, one request at a time (the naive client)" >&2
    run_night "$smallest" 1 naive > "$work/row"
    lines+=("| $(sed 's/|/ | /g' "$work/row") |")
fi

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
database="H2 (embedded file)"
[ -n "${BENCH_PG_URL:-}" ] && database="PostgreSQL at $BENCH_PG_URL"
jvm="-Xmx$xmx${BENCH_JAVA_OPTS:+ $BENCH_JAVA_OPTS}"
report="$(cat <<MD
## $(date -u +%Y-%m-%d) on $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)

Settings: simulator in its own process, ${latency} ms per request, deleted list of the last day; job with
LEDGER_FETCH_CONCURRENCY=$concurrency (1 for the naive row), $jvm, database $database.
Command: \`scripts/bench.sh ${sizes[*]}\`

$header
$rule
$(printf '%s\n' "${lines[@]}")
MD
)"
echo "$report"
if [ "$out" != "-" ]; then
    mkdir -p "$(dirname "$out")"
    [ -f "$out" ] || printf '# Benchmark results\n\nProduced by scripts/bench.sh; newest first.\n' > "$out"
    python3 - "$out" "$report" <<'PY'
import sys
path, report = sys.argv[1], sys.argv[2]
text = open(path).read()
head, sep, rest = text.partition("\n## ")
open(path, "w").write(head.rstrip("\n") + "\n\n" + report + "\n" + (("\n## " + rest) if sep else ""))
PY
fi
if [ -n "$failed" ]; then
    echo "bench: $failed" >&2
    exit 1
fi
