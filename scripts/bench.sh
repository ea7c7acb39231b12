#!/usr/bin/env bash
# Benchmark: the fixed costs and the nights side by side in one run, against the simulator in its own process, with
# the job started exactly as scripts/gpu-ledger and scripts/nightly.sh start it (scripts/launch.sh: JVM options and
# the class-data archive, prepared here first when it is missing).
#   scripts/bench.sh                  fleets of 1,000, 20,000 and 100,000 (default)
#   scripts/bench.sh 300              a smoke run (CI runs this size)
# Settings (environment): BENCH_LATENCY_MS=25, BENCH_CONCURRENCY=32, BENCH_XMX=512m, BENCH_STARTS=5 (repetitions of
# --help and query), BENCH_NAIVE=1 (the naive client and the one-at-a-time job at the smallest size),
# BENCH_DATABASES="h2" ("h2 postgresql": each fleet on both; PostgreSQL is a throwaway cluster of this machine's
# PostgreSQL binaries, started and removed here, or the database BENCH_PG_URL / BENCH_PG_USER / BENCH_PG_PASSWORD
# names, emptied per night), BENCH_OUT=bench/results.md (- prints only). LEDGER_JAVA_OPTS and LEDGER_CDS=0 change the
# job's launch as they do for the scripts.
# Figures: start to exit of --help and query, start to the first API request of each run (the simulator tells when
# it arrived), each night's process time against the latency bound (instances x latency / concurrency), the job's
# steps, what comes after them, time and peak memory per instance, and 1,000 instances against a naive client (one
# GET after another, nothing stored).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$repo/target/gpu-ledger.jar"
latency="${BENCH_LATENCY_MS:-25}"
concurrency="${BENCH_CONCURRENCY:-32}"
xmx="${BENCH_XMX:-512m}"
starts="${BENCH_STARTS:-5}"
out="${BENCH_OUT:-$repo/bench/results.md}"
naive="${BENCH_NAIVE:-1}"
read -r -a databases <<< "${BENCH_DATABASES:-h2}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 20000 100000)
# fixed simulated nights, so every size and every run sees the same fleet: the first night of an empty database (every
# instance new: a BASELINE finding each), then the next night on the same database, as cron runs it
night_utc=("" "2026-11-20T07:00:00Z" "2026-11-21T07:00:00Z")
report_date=("" "2026-11-19" "2026-11-20")

[ -f "$jar" ] || (cd "$repo" && mvn -B -q -DskipTests package)
# shellcheck source=scripts/launch.sh
. "$repo/scripts/launch.sh"
[ "${LEDGER_CDS:-1}" = "0" ] || cds_ready "$jar" || cds_prepare "$jar"

work="$(mktemp -d)"
sim_pid=""
pg_dir=""
cleanup() {
    [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null
    [ -n "$pg_dir" ] && as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop > /dev/null 2>&1
    rm -rf "$work" ${pg_dir:+"$pg_dir"}
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# --- PostgreSQL: a throwaway cluster, unless BENCH_PG_URL names a database -------------------------------------------
as_postgres() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_url="${BENCH_PG_URL:-}"
pg_user="${BENCH_PG_USER:-bench}"
pg_password="${BENCH_PG_PASSWORD:-}"
start_postgres() {
    [ -n "$pg_url" ] && return 0
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    [ -x "$pg_bin/initdb" ] || { echo "bench: no PostgreSQL binaries under /usr/lib/postgresql (apt install postgresql)" >&2; exit 1; }
    pg_dir="$(mktemp -d)"
    [ "$(id -u)" = "0" ] && chown postgres "$pg_dir"
    local port; port="$(free_port)"
    as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U "$pg_user" > "$pg_dir/initdb.log"
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
        -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=on" start > /dev/null
    as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U "$pg_user" bench
    pg_url="jdbc:postgresql://127.0.0.1:$port/bench"
    pg_version="$("$pg_bin/postgres" --version)"
}
empty_postgres() {
    PGPASSWORD="$pg_password" psql "postgresql://$pg_user@${pg_url#jdbc:postgresql://}" -q \
        -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' 2> /dev/null
}

# --- the simulator, in its own process -------------------------------------------------------------------------------
# sets sim_pid and sim_port (not in a subshell, so the EXIT trap can stop it)
start_simulator() { # size [night]
    local night="${2:-1}"
    sim_port="$(free_port)"
    java -Xmx2g -jar "$jar" simulate --port="$sim_port" --fleet-size="$1" --seed=42 --latency-ms="$latency" \
        --deleted-retention-days=1 > "$work/simulator-$1.log" 2>&1 &
    sim_pid=$!
    for _ in $(seq 1 600); do
        curl -sf "http://127.0.0.1:$sim_port/_sim/clock" > /dev/null 2>&1 && break
        sleep 0.1
    done
    curl -sf -X PUT "http://127.0.0.1:$sim_port/_sim/clock" -d "{\"now\":\"${night_utc[$night]}\"}" > /dev/null
}
stop_simulator() { kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null || true; sim_pid=""; }
first_request_ms() { curl -sf "http://127.0.0.1:$sim_port/_sim/requests" | python3 -c 'import json,sys; print(json.load(sys.stdin)["first_at_ms"])'; }

# --- the job, as the scripts launch it --------------------------------------------------------------------------------
ledger_env() { # home port fetch-concurrency database
    echo "LEDGER_HOME=$1" "LEDGER_API_URL=http://127.0.0.1:$2/api/v1" "LEDGER_API_TOKEN=demo" \
        "LEDGER_FETCH_CONCURRENCY=$3" "LEDGER_REPORTS_DIR=$1/reports" "LEDGER_ENV_FILE=$work/none.env"
    if [ "$4" = "postgresql" ]; then
        echo "SPRING_DATASOURCE_URL=$pg_url" "SPRING_DATASOURCE_USERNAME=$pg_user" "SPRING_DATASOURCE_PASSWORD=$pg_password"
    fi
}
: > "$work/none.env"

ledger() { # home port concurrency database command...
    local home="$1" port="$2" conc="$3" database="$4"; shift 4
    ledger_launch "$jar" "$1"
    env $(ledger_env "$home" "$port" "$conc" "$database") java "${launch[@]}" "$@"
}

query() { # home port database sql
    ledger "$1" "$2" 1 "$3" query "$4" --format=csv --as-owner 2>/dev/null | tail -n +2 | tr -d '\r'
}

# one night: prints a row of key=value pairs for the report
run_night() { # size fetch-concurrency database label night (1: on an empty database, 2: the next night on it)
    local size="$1" conc="$2" database="$3" home="$work/$4-$3-$1" night="$5"
    mkdir -p "$home"
    [ "$database" = "postgresql" ] && [ "$night" = "1" ] && empty_postgres
    start_simulator "$size" "$night"
    local port="$sim_port" start end
    ledger_launch "$jar" run
    start=$(now_ms)
    env $(ledger_env "$home" "$port" "$conc" "$database") /usr/bin/time -f '%M %U %S' -o "$home/time.txt" \
        java -Xmx"$xmx" "${launch[@]}" run --date="${report_date[$night]}" > "$home/run.log" 2>&1 || true
    end=$(now_ms)
    local first; first="$(first_request_ms)"
    stop_simulator
    local code; code=$(grep -o 'exit [0-9]*' "$home/run.log" | tail -1 | cut -d' ' -f2)
    if [ "${code:-}" != "0" ]; then
        failed="fleet $size on $database: the run ended with exit ${code:-unknown} (log: bench/failed-run.log)"
        cp "$home/run.log" "$repo/bench/failed-run.log" 2>/dev/null || true
    fi
    local job_s; job_s=$(sed -n 's/.*finished: exit.*, \([0-9.]*\) s.*/\1/p' "$home/run.log" | tail -1)
    local steps; steps=$(query "$home" "$port" "$database" "SELECT step_name, CAST(EXTRACT(EPOCH FROM end_time) * 1000 - EXTRACT(EPOCH FROM start_time) * 1000 AS BIGINT) FROM batch_step_execution WHERE job_execution_id = (SELECT MAX(job_execution_id) FROM batch_job_execution) ORDER BY step_execution_id" | tr '\n' ';')
    local discovered; discovered=$(query "$home" "$port" "$database" "SELECT discovered_count FROM ledger_run WHERE command = 'run' ORDER BY run_id DESC LIMIT 1")
    local db_bytes
    if [ "$database" = "postgresql" ]; then
        db_bytes=$(query "$home" "$port" "$database" "SELECT pg_database_size(current_database())")
    else
        db_bytes=$(du -sb "$home/data" | cut -f1)
    fi
    echo "size=$size conc=$conc database=$database night=$night start=$start end=$end first=${first:-0} code=${code:-?}" \
        "job=${job_s:-0} discovered=${discovered:-0} db=$db_bytes time=$(tr ' ' ',' < "$home/time.txt")" \
        "steps=${steps// /}"
}

# the naive client: one GET after another, nothing stored (Python's http.client on one kept-alive connection)
run_naive() { # size
    start_simulator "$1"
    local start end
    start=$(now_ms)
    python3 - "$sim_port" <<'PY'
import http.client, json, sys
conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]))
headers = {"Authorization": "Bearer demo", "Accept": "application/json"}
def get(path):
    conn.request("GET", "/api/v1" + path, headers=headers)
    return json.loads(conn.getresponse().read())
ids = []
for listing in ("/computing/instances", "/computing/deleted-instances"):
    offset = 0
    while True:
        page = get(f"{listing}?limit=100&offset={offset}")
        ids += [str(item["id"]) for item in page["data"]]
        offset += len(page["data"])
        if not page["data"] or offset >= page["total_instance"]:
            break
for instance in ids:
    get(f"/computing/instance/{instance}")
PY
    end=$(now_ms)
    stop_simulator
    echo "$(( end - start ))"
}

# --- start figures: --help, and query on the smallest night's database ------------------------------------------------
time_command() { # label home database command...
    local label="$1" home="$2" database="$3"; shift 3
    local times=() cpus=() start
    for _ in $(seq "$starts"); do
        ledger_launch "$jar" "$1"
        start=$(now_ms)
        env $(ledger_env "$home" 1 1 "$database") /usr/bin/time -f '%U %S' -o "$work/cpu" \
            java "${launch[@]}" "$@" > /dev/null 2>&1
        times+=("$(( $(now_ms) - start ))")
        cpus+=("$(awk '{printf "%.2f", $1 + $2}' "$work/cpu")")
    done
    echo "$label|$(printf '%s\n' "${times[@]}" | median)|$(printf '%s\n' "${cpus[@]}" | median)"
}

ledger_launch "$jar" run
run_launch="${launch[*]}"
failed=""
rows=()
for database in "${databases[@]}"; do
    [ "$database" = "postgresql" ] && start_postgres
    for size in "${sizes[@]}"; do
        echo "bench: fleet $size on $database, concurrency $concurrency, latency ${latency} ms, -Xmx$xmx" >&2
        rows+=("$(run_night "$size" "$concurrency" "$database" night 1)")
        rows+=("$(run_night "$size" "$concurrency" "$database" night 2)")
    done
done
smallest="${sizes[0]}"
startup=()
startup+=("$(time_command '`--help`' "$work" h2 --help)")
startup+=("$(time_command '`query "SELECT COUNT(*) FROM instance_snapshot"`' "$work/night-${databases[0]}-$smallest" "${databases[0]}" \
    query "SELECT COUNT(*) FROM instance_snapshot")")
naive_ms=""
if [ "$naive" = "1" ]; then
    echo "bench: fleet $smallest, the naive client" >&2
    naive_ms="$(run_naive "$smallest")"
    echo "bench: fleet $smallest, the job one request at a time" >&2
    rows+=("$(run_night "$smallest" 1 "${databases[0]}" one-at-a-time 1)")
fi

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
report="$(python3 - "$latency" "$concurrency" "$smallest" "${naive_ms:-0}" "$(java -version 2>&1 | head -1)" \
    "$(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB" "$run_launch" "-Xmx$xmx" "$*" "${pg_version:-$pg_url}" \
    "$(uptime | sed 's/.*load average: //')" "${startup[@]}" "--" "${rows[@]}" <<'PY'
import sys, datetime
args = sys.argv[1:]
latency, conc, smallest, naive_ms, jvm, machine, launch, xmx, sizes, pg, load = args[:11]
rest = args[11:]
split = rest.index("--")
startup, nights = rest[:split], [dict(kv.split("=", 1) for kv in row.split()) for row in rest[split + 1:]]
latency, conc, naive_ms = int(latency), int(conc), int(naive_ms)

def steps(night):
    pairs = dict(p.split(",") for p in night["steps"].split(";") if "," in p)
    return {name: int(ms) / 1000 for name, ms in pairs.items()}

def launch_note(text):
    return text.replace("-jar", "").split("-XX:SharedArchiveFile")[0].strip() + (" + class-data archive" if "SharedArchiveFile" in text else "")

out = []
out.append(f"## {datetime.date.today()} on {machine}, {jvm}")
out.append("")
out.append(f"Simulator in its own process, {latency} ms per request, deleted list of the last day; job started as the "
           f"scripts start it (JVM options `{launch_note(launch) or 'none'}`), {xmx}, LEDGER_FETCH_CONCURRENCY={conc}. "
           f"Load average at the end: {load}. Command: `scripts/bench.sh {sizes}`." + (f" PostgreSQL: {pg}." if pg else ""))
out.append("")
out.append("| start | target | ms (median) | CPU s (median) |")
out.append("|---|---|---|---|")
for row in startup:
    label, ms, cpu = row.split("|")
    out.append(f"| {label}, start to exit | < 1500 | {ms} | {cpu} |")
firsts = [int(n["first"]) - int(n["start"]) for n in nights if int(n["first"]) > 0 and n["conc"] == str(conc)]
if firsts:
    firsts.sort()
    out.append(f"| `run`, start to its first request (median of the {len(firsts)} nights below) | < 3000 | {firsts[(len(firsts) - 1) // 2]} | |")
out.append("")
out.append("| database | fleet | instances | exit | bound s | process s | process / bound | job s | first request s | "
           "discover / fetch / reconcile / report s | after the steps s | ms per instance | peak RSS MiB | KiB RSS per instance | database MB |")
out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
job_at = {}
for n in nights:
    found = int(n["discovered"] or 0)
    c = int(n["conc"])
    bound = found * latency / 1000 / c
    process = (int(n["end"]) - int(n["start"])) / 1000
    s = steps(n)
    step_sum = sum(s.get(k, 0) for k in ("discoverInstancesStep", "fetchSnapshotsStep", "reconcileStep", "reportStep"))
    first = (int(n["first"]) - int(n["start"])) / 1000 if int(n["first"]) > 0 else 0
    rss, user, system = n["time"].split(",")
    label = n["database"] + (", first night" if n["night"] == "1" else ", next night") + ("" if c == conc else ", one request at a time")
    out.append("| " + " | ".join([
        label, n["size"], str(found), n["code"], f"{bound:.2f}", f"{process:.1f}", f"{process / bound:.2f}" if bound else "-",
        n["job"], f"{first:.2f}",
        " / ".join(f"{s.get(k, 0):.1f}" for k in ("discoverInstancesStep", "fetchSnapshotsStep", "reconcileStep", "reportStep")),
        f"{process - first - step_sum:.1f}", f"{process * 1000 / max(1, found):.2f}", f"{int(rss) / 1024:.0f}",
        f"{int(rss) / max(1, found):.1f}", f"{int(n['db']) / 1e6:.1f}"]) + " |")
    if n["size"] == smallest and n["database"] == nights[0]["database"] and (c != conc or n["night"] == "2"):
        job_at[c] = process
if naive_ms:
    out.append("")
    out.append(f"| {int(smallest):,} instances | s | naive client / this |")
    out.append("|---|---|---|")
    out.append(f"| the naive client: one GET after another, nothing stored | {naive_ms / 1000:.1f} | 1.0 |")
    for c, label in ((1, "the job, one request at a time"), (conc, f"the job, {conc} in flight, the next night (target: at least 10x)")):
        if c in job_at:
            out.append(f"| {label} | {job_at[c]:.1f} | {naive_ms / 1000 / job_at[c]:.1f} |")
print("\n".join(out))
PY
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
