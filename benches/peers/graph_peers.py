#!/usr/bin/env python3
"""`regdev graph` end to end against a python-igraph script, betweenness
alone, and how betweenness grows with graph size, in one run.

    python3 benches/peers/graph_peers.py [--work DIR] [--runs N]
        [--e2e-sizes 1000,10000,50000] [--sizes 1000,10000,50000]
        [--large-runs N] [--rustworkx-max N] [--skip-e2e]

Needs `target/release/regdev` (cargo build --release --features cli) and
`target/release/examples/bench_report` (cargo build --release --features
synth --examples), and python-igraph in the running Python.

1. End to end, for each size in --e2e-sizes: `regdev synth --towns 1
   --actors-per-town N` writes atlas.json and linkages.graphml (5 linkages
   per actor); `regdev graph TOWN --atlas atlas.json --format json
   [--directed]` is timed as a process, against a Python process that loads
   linkages.graphml with igraph and computes the same measures (degree,
   betweenness, closeness; undirected or directed) and prints them as JSON.
   Both include start-up and loading. Values are compared (top betweenness
   actor and value).
2. Betweenness alone (directed, in-process, load excluded): regdev's
   `bench_report graph N` against igraph's `Graph.betweenness()` on the same
   GraphML, for each size in --sizes (5 linkages per actor).

Medians over --runs runs at every size (--large-runs for sizes of 50k
actors and more, 3 by default); every run's time is printed.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
REGDEV = os.path.join(TARGET, "release", "regdev")
REPORT = os.path.join(TARGET, "release", "examples", "bench_report")

IGRAPH_SCRIPT = r"""
import json, sys, igraph as ig
g = ig.Graph.Read_GraphML(sys.argv[1])
directed = sys.argv[2] == "directed"
if directed:
    deg = g.degree(mode="all")
    bc = g.betweenness(directed=True)
    cc = g.closeness(mode="in", normalized=True)
    n = g.vcount()
    scale = 1.0 / ((n - 1) * (n - 2))
else:
    u = g.as_undirected(mode="collapse")
    deg = u.degree()
    bc = u.betweenness(directed=False)
    cc = u.closeness(normalized=True)
    n = u.vcount()
    scale = 2.0 / ((n - 1) * (n - 2))
ids = g.vs["id"]
out = {"actors": [{"id": i, "degree": d, "betweenness": b * scale, "closeness": c} for i, d, b, c in zip(ids, deg, bc, cc)]}
json.dump(out, sys.stdout)
"""


def load():
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def timed(cmd, runs):
    times, out = [], None
    for _ in range(max(1, runs)):
        start = time.perf_counter()
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, out


def top(actors):
    best = max(actors, key=lambda a: (a["betweenness"], a["id"]))
    return best["id"], best["betweenness"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default=os.path.join(TARGET, "graph-peers"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--e2e-sizes", default="1000,10000,50000")
    ap.add_argument("--large-runs", type=int, default=3)
    ap.add_argument("--skip-e2e", action="store_true")
    ap.add_argument("--rustworkx-max", type=int, default=10_000,
                    help="also time rustworkx-core's kernel up to this many actors (0: never)")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    import igraph as ig

    print(f"python {sys.version.split()[0]}, python-igraph {ig.__version__}; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()}", flush=True)
    rows = []
    fmt = lambda ts: ", ".join(f"{x:.2f}" for x in ts)
    if not args.skip_e2e:
        print("\n| end to end | regdev s, median (runs) | igraph script s, median (runs) | igraph / regdev | top broker | load average |")
        print("|---|---|---|---|---|---|")
        for n in [int(x) for x in args.e2e_sizes.split(",")]:
            runs = args.large_runs if n >= 50_000 else args.runs
            d = os.path.join(args.work, f"synth-{n}")
            subprocess.run([REGDEV, "synth", "--towns", "1", "--actors-per-town", str(n), "--out", d],
                           check=True, capture_output=True)
            with open(os.path.join(d, "atlas.json")) as f:
                atlas = json.load(f)
            town = atlas["graphs"][0]["focal_town"]
            m = len(atlas["graphs"][0].get("linkages", []))
            graphml = os.path.join(d, "linkages.graphml")
            for mode in ("undirected", "directed"):
                cmd = [REGDEV, "graph", town, "--atlas", os.path.join(d, "atlas.json"), "--format", "json"]
                if mode == "directed":
                    cmd.append("--directed")
                t_r, runs_r, out_r = timed(cmd, runs)
                t_i, runs_i, out_i = timed([sys.executable, "-c", IGRAPH_SCRIPT, graphml, mode], runs)
                r_top, i_top = top(json.loads(out_r)["actors"]), top(json.loads(out_i)["actors"])
                agree = r_top[0].split(":")[-1] == i_top[0].split(":")[-1] and abs(r_top[1] - i_top[1]) < 1e-9
                print(f"| `regdev graph`, {n} actors / {m} linkages, {mode} | {t_r:.2f} ({fmt(runs_r)}) | "
                      f"{t_i:.2f} ({fmt(runs_i)}) | {t_i / t_r:.2f}x | "
                      f"{r_top[0]} {'agrees' if agree else 'DIFFERS: ' + repr(i_top)} | {load()} |", flush=True)
                rows.append({"what": f"e2e {n} {mode}", "actors": n, "linkages": m, "regdev_runs_s": runs_r,
                             "igraph_runs_s": runs_i, "regdev_s": t_r, "igraph_s": t_i, "agree": agree})

    print("\n| directed betweenness alone | regdev s | igraph s | igraph / regdev | rustworkx-core s | load average |")
    print("|---|---|---|---|---|---|")
    for n in [int(x) for x in args.sizes.split(",")]:
        path = os.path.join(args.work, f"graph-{n}.graphml")
        runs = args.large_runs if n >= 50_000 else args.runs
        extra = ["--rustworkx"] if n <= args.rustworkx_max else []
        out = subprocess.run([REPORT, "graph", str(n), "--graphml", path, "--runs", str(runs), *extra],
                             check=True, capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        g = ig.Graph.Read_GraphML(path)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            bc = g.betweenness(directed=True)
            times.append(time.perf_counter() - start)
        t_i = statistics.median(times)
        i_top = max(bc) / ((n - 1) * (n - 2))
        assert abs(i_top - r["top_betweenness"]) < 1e-9 * max(1.0, i_top), (i_top, r["top_betweenness"])
        rw = r.get("rustworkx_betweenness_s")
        rw = f"{rw:.3f}" if isinstance(rw, (int, float)) else "—"
        print(f"| {n} actors / {r['linkages']} linkages | {r['betweenness_s']:.3f} | {t_i:.3f} ({fmt(times)}) | "
              f"{t_i / r['betweenness_s']:.1f}x | {rw} | {load()} |", flush=True)
        print(f"|   density + degree, {n} | cold {r['density_degree_cold_s'] * 1e3:.3f} ms, "
              f"warm {r['density_degree_s'] * 1e3:.3f} ms | | | | |", flush=True)
        rows.append({"what": f"betweenness {n}", **r, "igraph_s": t_i})
    print(f"\nload average {os.getloadavg()}")
    with open(os.path.join(args.work, "graph_peers.json"), "w") as f:
        json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
