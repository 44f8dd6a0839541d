#!/usr/bin/env bash
# JSON vs Parquet load, Parquet export and peak memory through the CLI, on
# a synthetic atlas: medians of RUNS runs, one line per measure.
#
#   tools/bench_tables.sh REGDEV_BINARY TOWNS [RUNS] [WORKDIR]
#
# REGDEV_BINARY is a release build (`cargo build --release --features cli`).
# Times are wall-clock seconds of whole commands (process start, file
# reading, parsing and validation included); peak memory is the maximum
# resident set size from GNU time. `export` includes loading the JSON it
# exports from; `export - json` subtracts the median JSON load.
set -euo pipefail
BIN="$1"; TOWNS="$2"; RUNS="${3:-3}"; WORK="${4:-$(mktemp -d)}"
mkdir -p "$WORK"
"$BIN" synth --towns "$TOWNS" --out "$WORK/synth" >/dev/null
JSON="$WORK/synth/atlas.json"; PQ="$WORK/tables"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() { # name, command...
    local name="$1"; shift
    local times="" mems=""
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/err.txt" || { cat "$WORK/err.txt"; exit 1; }
        read -r t m < "$WORK/time.txt"
        times="$times$t\n"; mems="$mems$m\n"
    done
    local tm; tm=$(printf "$times" | median)
    local mm; mm=$(printf "$mems" | median)
    printf "%s\t%s s\t%.0f MiB\n" "$name" "$tm" "$(echo "$mm / 1024" | bc -l)"
    eval "T_$name=$tm"
}
echo "towns $TOWNS, runs $RUNS, json $(du -m "$JSON" | cut -f1) MB, load $(cut -d' ' -f1-3 /proc/loadavg)"
measure json_validate "$BIN" validate "$JSON"
measure export "$BIN" export parquet --atlas "$JSON" -o "$PQ"
echo "parquet $(du -sm "$PQ" | cut -f1) MB"
measure parquet_validate "$BIN" validate "$PQ"
echo "export - json: $(echo "$T_export - $T_json_validate" | bc -l) s"
echo "json / parquet: $(echo "$T_json_validate / $T_parquet_validate" | bc -l)"
