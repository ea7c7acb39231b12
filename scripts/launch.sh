# Sourced by scripts/gpu-ledger and scripts/nightly.sh: how the jar is started (bench/results.md has the figures).
# - JVM options: the quick JIT tier only (-XX:TieredStopAtLevel=1), then LEDGER_JAVA_OPTS, whose options win. On two
#   cores the optimising compiler's threads compete with the run itself, and the job mostly waits on the network
#   (a 1,000-instance night 5.4 s -> 3.8 s, 20,000 no slower). `query` adds the serial collector; `simulate`, a
#   server, keeps the JVM's defaults.
# - From a class-data sharing (CDS) archive, which cuts the start by about a third. Spring Boot's own recipe: the jar
#   extracted with `-Djarmode=tools extract` next to it (JAR without .jar, plus -cds/), and a dynamic archive of the
#   classes a training run loaded (a two-night demo in a temporary folder, month close included: about 10 s, once per
#   build and JVM). The archive belongs to one jar and one JVM; anything else, a failed preparation or LEDGER_CDS=0
#   falls back to plain `java -jar`, which always works.

# cds_dir JAR: where the jar's extracted copy and archive live
cds_dir() { echo "${1%.jar}-cds"; }

# cds_identity JAR: what the archive was made for (the jar's size and time, the java binary and its time)
cds_identity() {
    local java_bin; java_bin="$(readlink -f "$(command -v java)")"
    stat -c '%s %Y' "$1"
    echo "$java_bin $(stat -c '%Y' "$java_bin")"
}

# cds_ready JAR: true when the archive matches the jar and this JVM
cds_ready() {
    local dir; dir="$(cds_dir "$1")"
    [ -f "$dir/gpu-ledger.jsa" ] && [ -f "$dir/identity" ] && [ "$(cat "$dir/identity")" = "$(cds_identity "$1")" ]
}

# cds_prepare JAR: extracts the jar and records a training run's classes; quiet, never fails the caller
cds_prepare() {
    local jar="$1" dir; dir="$(cds_dir "$1")"
    mkdir -p "$dir" 2>/dev/null || return 0
    (
        # one preparation at a time; a second caller waits for it, then finds the archive made
        flock 8 || exit 0
        cds_ready "$jar" && exit 0
        echo "gpu-ledger: preparing the class-data archive for fast starts (once per build, about 10 s)" >&2
        rm -rf "$dir/gpu-ledger.jar" "$dir/lib" "$dir/gpu-ledger.jsa" "$dir/identity"
        java -Djarmode=tools -jar "$jar" extract --destination "$dir" --application-filename gpu-ledger.jar --force \
            > "$dir/prepare.log" 2>&1 || exit 0
        training="$(mktemp -d)"
        # the demo writes only under its LEDGER_HOME; no environment file of this machine is read
        : > "$training/none.env"
        if (cd "$training" && LEDGER_HOME="$training" LEDGER_ENV_FILE="$training/none.env" \
                java -XX:ArchiveClassesAtExit="$dir/gpu-ledger.jsa.part" -jar "$dir/gpu-ledger.jar" \
                    demo --days=2 --fleet-size=50 --end-date=2026-02-01 >> "$dir/prepare.log" 2>&1) \
                && [ -s "$dir/gpu-ledger.jsa.part" ]; then
            mv "$dir/gpu-ledger.jsa.part" "$dir/gpu-ledger.jsa" && cds_identity "$jar" > "$dir/identity"
        else
            rm -f "$dir/gpu-ledger.jsa.part"
            echo "gpu-ledger: no class-data archive (see $dir/prepare.log); starting without it" >&2
        fi
        rm -rf "$training"
    ) 8> "$dir/prepare.lock"
    return 0
}

# ledger_launch JAR COMMAND: sets the array `launch` to the `java` arguments before the command's own
ledger_launch() {
    local jar="$1" command="$2" dir; dir="$(cds_dir "$1")"
    local options
    case "$command" in
        simulate) options="" ;;
        query) options="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" ;;
        *) options="-XX:TieredStopAtLevel=1" ;;
    esac
    # the user's options come last and win (-XX:TieredStopAtLevel=4 brings the optimising compiler back)
    options="$options ${LEDGER_JAVA_OPTS:-}"
    # shellcheck disable=SC2206 # LEDGER_JAVA_OPTS is a list of JVM options
    launch=($options)
    if [ "${LEDGER_CDS:-1}" != "0" ] && cds_ready "$jar"; then
        launch+=(-XX:SharedArchiveFile="$dir/gpu-ledger.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$dir/gpu-ledger.jar")
    else
        launch+=(-jar "$jar")
    fi
}
