#!/usr/bin/env bash
# Interleaved A/B runs of regdev binaries on one atlas: for each round,
# each measure, each binary in turn (so that a busy spell of a shared
# machine hits every binary alike); medians per measure and binary.
#
#   tools/bench_ab.sh RUNS ATLAS.json PARQUET_DIR BINARY...
#
# Measures (MEASURES, default "json pq export"):
#   json    regdev validate ATLAS.json
#   pq      regdev validate PARQUET_DIR
#   export  regdev export parquet --atlas PARQUET_DIR -o (a temporary directory)
# Each line: wall seconds, peak RSS (GNU time %M), CPU (user + system of
# all threads), system and user seconds, and every run's wall time.
# The "Large atlases" figures of session 8 in BENCHMARKS.md were taken
# with this loop (kept here afterwards; the runs used a copy of it).
set -euo pipefail
RUNS="$1"; J="$2"; P="$3"; shift 3
MEASURES="${MEASURES:-json pq export}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$RUNS"); do
    for m in $MEASURES; do
        for b in "$@"; do
            case "$m" in
                json) cmd=("$b" validate "$J") ;;
                pq) cmd=("$b" validate "$P") ;;
                export) rm -rf "$WORK/out"; cmd=("$b" export parquet --atlas "$P" -o "$WORK/out") ;;
                *) echo "unknown measure $m" >&2; exit 2 ;;
            esac
            /usr/bin/time -f "%e %M %U %S" -o "$WORK/t.txt" "${cmd[@]}" >/dev/null 2>"$WORK/err.txt" || { cat "$WORK/err.txt"; exit 1; }
            read -r t mem u s < "$WORK/t.txt"
            echo "$t $mem $(echo "$u + $s" | bc -l) $s $u" >> "$WORK/$(basename "$b")_$m"
        done
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
med() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for m in $MEASURES; do
    for b in "$@"; do
        f="$WORK/$(basename "$b")_$m"
        printf "%-7s %-28s wall %6.2f s  rss %5.0f MiB  cpu %5.2f s  sys %5.2f s  user %5.2f s  (walls: %s)\n" \
            "$m" "$(basename "$b")" "$(cut -d' ' -f1 "$f" | med)" "$(echo "$(cut -d' ' -f2 "$f" | med) / 1024" | bc -l)" \
            "$(cut -d' ' -f3 "$f" | med)" "$(cut -d' ' -f4 "$f" | med)" "$(cut -d' ' -f5 "$f" | med)" "$(cut -d' ' -f1 "$f" | tr '\n' ' ')"
    done
done
