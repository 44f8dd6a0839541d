#!/usr/bin/env bash
# JSON vs Parquet load, Parquet export and peak memory through the CLI, on
# a synthetic atlas: medians of RUNS runs, one line per measure.
#
#   tools/bench_tables.sh REGDEV_BINARY TOWNS [RUNS] [WORKDIR] [ACTORS_PER_TOWN]
#
# REGDEV_BINARY is a release build (`cargo build --release --features cli`).
# ACTORS_PER_TOWN defaults to the CLI's 12 (60 linkages per town); 0 drops
# the linkage graphs (the 1 M-town row of BENCHMARKS.md).
#
# Times are wall-clock seconds of whole commands (process start, file
# reading, parsing and validation included); peak memory is the maximum
# resident set size from GNU time; cpu is user + system seconds (all
# threads), the figure least disturbed by other work on a shared machine.
# Measures:
#   json_validate      regdev validate ATLAS.json
#   parquet_validate   regdev validate DIR (the Parquet export)
#   export_json        regdev export parquet --atlas ATLAS.json (JSON load included)
#   export_parquet     regdev export parquet --atlas DIR (Parquet load included)
# and the export alone, estimated two ways: export_json - json_validate and
# export_parquet - parquet_validate (the second is the tighter one: the
# Parquet load is the shorter one to subtract).
#
# After the measures, one more Parquet `validate` with REGDEV_LOAD_TIMINGS=1
# prints where the Parquet load's time goes (wall clock and CPU seconds of
# all threads per stage: the town ids, building the towns while their
# child tables stream (decoding included), the graph tables, the actors,
# the linkages, the atlas's cross-record checks and indexes; a reader
# that held the child tables whole, as before session 7, prints decoding
# and grouping as stages of their own).
#
# Files are written into WORKDIR (default: a new temporary directory) and
# deleted at the end unless KEEP=1: the 100k-town atlas is 821 MB of JSON.
# With KEEP=1 and an atlas already in WORKDIR/synth (same TOWNS and
# ACTORS_PER_TOWN, from an earlier KEEP=1 run), it is reused, not
# synthesized again.
set -euo pipefail
BIN="$1"; TOWNS="$2"; RUNS="${3:-3}"; WORK="${4:-$(mktemp -d)}"; ACTORS="${5:-12}"
mkdir -p "$WORK"
if [ "${KEEP:-0}" = 1 ] && [ -f "$WORK/synth/atlas.json" ] && [ "$(cat "$WORK/synth/made-with" 2>/dev/null)" = "$TOWNS $ACTORS" ]; then
    echo "reusing $WORK/synth/atlas.json"
else
    rm -rf "$WORK/synth"
    "$BIN" synth --towns "$TOWNS" --actors-per-town "$ACTORS" --out "$WORK/synth" >/dev/null
    rm -f "$WORK/synth/linkages.graphml"
    echo "$TOWNS $ACTORS" > "$WORK/synth/made-with"
fi
JSON="$WORK/synth/atlas.json"; PQ="$WORK/tables"; PQ2="$WORK/tables-again"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() { # name, command...
    local name="$1"; shift
    local times="" mems="" cpus=""
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/err.txt" || { cat "$WORK/err.txt"; exit 1; }
        read -r t m u s < "$WORK/time.txt"
        times="$times$t\n"; mems="$mems$m\n"; cpus="$cpus$(echo "$u + $s" | bc -l)\n"
    done
    local tm; tm=$(printf "$times" | median)
    local mm; mm=$(printf "$mems" | median)
    local cm; cm=$(printf "$cpus" | median)
    printf "%-18s %8s s %8.0f MiB  cpu %6.2f s\n" "$name" "$tm" "$(echo "$mm / 1024" | bc -l)" "$cm"
    eval "T_$name=$tm"
}
MB=$(echo "$(stat -c %s "$JSON") / 1000000" | bc -l)
printf "towns %s, actors per town %s, runs %s, json %.0f MB, load %s\n" "$TOWNS" "$ACTORS" "$RUNS" "$MB" "$(cut -d' ' -f1-3 /proc/loadavg)"
measure json_validate "$BIN" validate "$JSON"
measure export_json "$BIN" export parquet --atlas "$JSON" -o "$PQ"
echo "parquet $(du -sm "$PQ" | cut -f1) MB"
measure parquet_validate "$BIN" validate "$PQ"
measure export_parquet "$BIN" export parquet --atlas "$PQ" -o "$PQ2"
printf "json throughput:   %.1f MB/s\n" "$(echo "$MB / $T_json_validate" | bc -l)"
printf "json / parquet:    %.2f x\n" "$(echo "$T_json_validate / $T_parquet_validate" | bc -l)"
printf "export alone:      %.2f s (export_parquet - parquet_validate), %.2f s (export_json - json_validate)\n" \
    "$(echo "$T_export_parquet - $T_parquet_validate" | bc -l)" "$(echo "$T_export_json - $T_json_validate" | bc -l)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Parquet load stages (one run):"
REGDEV_LOAD_TIMINGS=1 "$BIN" validate "$PQ" 2>&1 >/dev/null | grep '^regdev load stage' || echo "  (this binary prints no stages)"
if [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK/synth" "$PQ" "$PQ2"; fi
