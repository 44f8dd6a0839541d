#!/bin/bash
# JSON load + validate before/after (issue 10's load budget): interleaved
# rounds of `bench_report json FILE --runs N` for several bench_report
# binaries, on a format-2 and a format-1 atlas of the same towns, with the
# process's CPU time (user + sys, from /usr/bin/time) and the load average
# after each round; then the median of the per-round medians.
#
#   tools/bench_load.sh [ROUNDS] [RUNS]        (defaults: 3 rounds x 15 runs)
#
# Binaries (bench_report built with `cargo build --release --features synth
# --example bench_report`, copied aside so that each stays fixed):
#   PRE2   pre-format-2 (commit 03014dc), reads format 1 only
#   BASE   main before this work (session-5 end, b341822)
#   NEW    the build under test
# Files: F2 (format 2) and F1 (the same towns written as format 1), from
#   synth --towns 100000 --actors-per-town 0 (115 MB; see BENCHMARKS.md).
# Every variable can be overridden from the environment.
#
# `regdev_s` is the median load + validate time of one invocation; the
# process's user + sys time also covers reading the file and the
# serde_json::Value baseline that bench_report times after it (the same
# serde_json 1.0.154 in every binary here), so compare it between binaries,
# not with regdev_s. The machine should be quiet: note the load average.
set -euo pipefail
ROUNDS=${1:-3}
RUNS=${2:-15}
B=${B:-/work/bench-bin}
PRE2=${PRE2:-$B/bench_report_pre2}
BASE=${BASE:-$B/bench_report_HEAD}
NEW=${NEW:?set NEW to the bench_report binary under test}
F2=${F2:-/work/scratch/ba/a/atlas.json}
F1=${F1:-/work/scratch/ba/f1/atlas.json}
OUT=$(mktemp)
run() { # label binary file
  local t
  t=$(mktemp)
  local line
  line=$(/usr/bin/time -f "%U %S %M" -o "$t" "$2" json "$3" --runs "$RUNS" 2>/dev/null | tr -d '\n')
  read -r user sys maxrss <"$t"
  rm -f "$t"
  echo "$1 $line cpu_s=$(echo "$user + $sys" | bc) maxrss_kb=$maxrss" | tee -a "$OUT"
}
for round in $(seq 1 "$ROUNDS"); do
  run "round=$round pre2-f1" "$PRE2" "$F1"
  run "round=$round new-f2" "$NEW" "$F2"
  run "round=$round base-f2" "$BASE" "$F2"
  run "round=$round new-f1" "$NEW" "$F1"
  run "round=$round base-f1" "$BASE" "$F1"
  echo "load $(cat /proc/loadavg)" | tee -a "$OUT"
done
python3 - "$OUT" <<'EOF'
import json, re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"round=\d+ (\S+) (\{.*\}) cpu_s=(\S+) maxrss_kb=(\d+)", line)
    if m:
        d = json.loads(m.group(2))
        rows.setdefault(m.group(1), []).append((d["regdev_s"], float(m.group(3)), int(m.group(4))))
pre = statistics.median(r[0] for r in rows.get("pre2-f1", [(float("nan"),)]))
print(f"{'variant':10} {'load+validate s':>16} {'vs pre2':>8} {'cpu s':>7} {'maxrss MB':>10}")
for k, v in rows.items():
    t = statistics.median(r[0] for r in v)
    print(f"{k:10} {t:16.3f} {100 * (t / pre - 1):+7.1f}% {statistics.median(r[1] for r in v):7.2f} "
          f"{statistics.median(r[2] for r in v) / 1024:10.0f}")
EOF
rm -f "$OUT"
