#!/usr/bin/env bash
# Start-to-first-row of `gpu-ledger query` on a freshly migrated H2 database (issue 10).
# usage: bench/query.sh [JAR] [RUNS] [LABEL]    (defaults: target/gpu-ledger.jar, 7, the jar's folder)
# Prints each run's milliseconds from launching `java -jar` to the first row on stdout, the CPU seconds the process
# used, and a markdown row with the median for bench/results.md. Set BENCH_JAVA_OPTS for JVM options.
set -euo pipefail

jar=$(realpath "${1:-target/gpu-ledger.jar}")
runs=${2:-7}
label=${3:-$(basename "$(dirname "$(dirname "$jar")")")}
sql=${BENCH_QUERY_SQL:-SELECT COUNT(*) FROM ledger_run}
[ -f "$jar" ] || { echo "no jar at $jar (mvn -q package -DskipTests)" >&2; exit 64; }

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
cd "$home"
# a run for a date in the future is refused after it has migrated the database: one ledger_run row, no provider
LEDGER_HOME="$home" LEDGER_API_TOKEN=x java -jar "$jar" run --date=2999-01-01 >/dev/null 2>&1 || true
[ -f "$home/data/ledger.mv.db" ] || { echo "the run did not create the database" >&2; exit 1; }

now_ms() { date +%s%3N; }
times=()
cpus=()
for i in $(seq "$runs"); do
    start=$(now_ms)
    # the first row is line 3 of the table (header, rule, row)
    first=$( { LEDGER_HOME="$home" /usr/bin/time -f "cpu %U %S" -o "$home/cpu" \
                java ${BENCH_JAVA_OPTS:-} -jar "$jar" query "$sql" 2>"$home/err"; } \
             | { read -r _; read -r _; read -r row; echo "$(( $(now_ms) - start )) $row"; cat >/dev/null; } )
    ms=${first%% *}
    cpu=$(awk '/^cpu/ {printf "%.2f", $2 + $3}' "$home/cpu")
    echo "run $i: ${ms} ms to the first row (${first#* }), ${cpu} s CPU" >&2
    times+=("$ms")
    cpus+=("$cpu")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
median_cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "| $label | \`${BENCH_JAVA_OPTS:-}\` | \`$sql\` | $runs | $median | $median_cpu |"
