#!/usr/bin/env python3
"""Run the regdev benchmark workloads and the peer tools a researcher would
use instead, on the same generated files, and print both timings and the
ratio in one run.

    python3 benches/peers/peers.py [--work DIR] [--runs N] [--quick] [--networkx-10k] [--only WORKLOADS]

`--only classify` (or any comma-separated list of query, json, classify,
gower, graph) runs only those rows, e.g. while iterating on one of them.

Needs the release examples built first (run.sh does it):
    cargo build --release --features synth --examples

Files come from the `synth` example (atlas.json, towns.csv, linkages.graphml)
and from `bench_report graph N --graphml FILE` (the benchmark graphs). The
Rust side runs `examples/bench_report.rs`, which times the code in
`benches/common/mod.rs`, the same code the criterion benches time. Loading
is excluded on both sides. Timings are medians over --runs runs.
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
EXAMPLES = os.path.join(TARGET, "release", "examples")

DIMENSIONS = [
    "dynamics", "economic_linkages", "institutional_borrowing", "industry_relation", "risk_level",
    "competition", "government_role", "ownership", "capital_origin", "driving_actor", "district_type",
    "market_orientation",
]
NUMERIC = ["area_km2", "population", "gdp_cny", "gdp_per_capita_usd"]
WORKLOADS = ["query", "json", "classify", "gower", "graph"]


def rust(*args):
    out = subprocess.run([os.path.join(EXAMPLES, args[0]), *args[1:]], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed(fn, runs):
    times, result = [], None
    for _ in range(max(1, runs)):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def row(workload, size, regdev_s, peer, peer_s, note=""):
    ratio = peer_s / regdev_s if regdev_s > 0 else float("nan")
    print(f"| {workload} | {size} | {regdev_s * 1e3:,.2f} | {peer} | {peer_s * 1e3:,.2f} | {ratio:,.1f}x | {note} |",
          flush=True)
    return {"workload": workload, "size": size, "regdev_ms": regdev_s * 1e3, "peer": peer,
            "peer_ms": peer_s * 1e3, "peer_over_regdev": ratio, "note": note}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "peers"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke test")
    ap.add_argument("--networkx-10k", action="store_true", help="also run networkx betweenness on 10k actors (minutes)")
    ap.add_argument("--only", default=",".join(WORKLOADS),
                    help=f"comma-separated rows to run, of {','.join(WORKLOADS)} (default: all)")
    args = ap.parse_args()
    only = set(args.only.split(","))
    if not only <= set(WORKLOADS):
        ap.error(f"--only: unknown workload(s) {sorted(only - set(WORKLOADS))}; known: {','.join(WORKLOADS)}")
    os.makedirs(args.work, exist_ok=True)

    # The peer tools, only those the chosen rows need (classify and json
    # have no Python peer).
    import importlib
    import importlib.metadata
    needs = {"query": ["numpy", "pandas"], "gower": ["numpy", "pandas", "gower"], "graph": ["networkx", "igraph"]}
    mods = {}
    for name in dict.fromkeys(m for w in WORKLOADS if w in only for m in needs.get(w, [])):
        mods[name] = importlib.import_module(name)
    pd, gower, nx, ig = (mods.get(n) for n in ("pandas", "gower", "networkx", "igraph"))
    def version(name, module):
        try:
            return importlib.metadata.version("python-igraph" if name == "igraph" else name)
        except importlib.metadata.PackageNotFoundError:
            return getattr(module, "__version__", "?")
    versions = ", ".join(f"{n} {version(n, m)}" for n, m in mods.items())
    print(f"python {sys.version.split()[0]}{', ' + versions if versions else ''}; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()}", flush=True)
    towns_q = 10_000 if args.quick else 100_000
    gower_sizes = [500] if args.quick else [2_000, 5_000]
    graph_sizes = [1_000] if args.quick else [1_000, 10_000]

    results = []
    print("\n| workload | size | regdev ms | peer | peer ms | peer / regdev | note |")
    print("|---|---|---|---|---|---|---|")

    # Three-predicate query on the CSV (pandas) vs the atlas (regdev).
    d = os.path.join(args.work, f"towns-{towns_q}")
    if only & {"query", "json", "classify"}:
        rust("synth", "--towns", str(towns_q), "--out", d)
    if "query" in only:
        r = rust("bench_report", "query", os.path.join(d, "atlas.json"), "--runs", str(args.runs))
        df = pd.read_csv(os.path.join(d, "towns.csv"))
        q = lambda: int(((df["model"] == "pearl_river_delta") & (df["population"] >= 50_000)
                         & (df["gdp_cny"] >= 2e9)).sum())
        t, n = timed(q, args.runs)
        assert n == r["result"], (n, r["result"])
        results.append(row("three-predicate query", towns_q, r["regdev_s"], "pandas boolean mask", t,
                           f"{n} matches both"))

    # JSON load + validation vs serde_json -> Value (both Rust, same bytes).
    if "json" in only:
        r = rust("bench_report", "json", os.path.join(d, "atlas.json"), "--runs", str(min(args.runs, 3)))
        results.append(row("JSON load + validate", towns_q, r["regdev_s"], "serde_json -> Value",
                           r["serde_json_value_s"], f"{r['bytes'] / 1e6:.0f} MB; target: regdev <= 2x Value"))
    # Classification of every town, the results built and dropped (what a
    # caller of classify_all pays); no peer.
    if "classify" in only:
        r = rust("bench_report", "classify", os.path.join(d, "atlas.json"), "--runs", str(args.runs))
        results.append(row("classify vs 3 archetypes", towns_q, r["regdev_s"], "(no peer)", float("nan"),
                           "target < 50 ms; built and dropped"))

    # All-pairs Gower.
    for n_towns in (gower_sizes if "gower" in only else []):
        d = os.path.join(args.work, f"towns-{n_towns}")
        rust("synth", "--towns", str(n_towns), "--out", d)
        runs = 1 if n_towns >= 5_000 else min(args.runs, 3)
        r = rust("bench_report", "gower", os.path.join(d, "atlas.json"), "--runs", str(runs))
        df = pd.read_csv(os.path.join(d, "towns.csv"))
        x = df[DIMENSIONS + NUMERIC].copy()
        for c in DIMENSIONS:
            x[c] = x[c].fillna("").astype(str)
        for c in NUMERIC:
            x[c] = x[c].astype(float)
        cat = [c in DIMENSIONS for c in x.columns]
        t, m = timed(lambda: gower.gower_matrix(x, cat_features=cat), runs)
        assert m.shape == (n_towns, n_towns)
        results.append(row("all-pairs Gower", n_towns, r["regdev_s"], "gower.gower_matrix", t,
                           f"{runs} run(s)"))

    # Graphs: betweenness, density + degree.
    for n_actors in (graph_sizes if "graph" in only else []):
        path = os.path.join(args.work, f"graph-{n_actors}.graphml")
        r = rust("bench_report", "graph", str(n_actors), "--graphml", path, "--runs", str(min(args.runs, 3)))
        runs = 1 if n_actors >= 10_000 else min(args.runs, 3)
        gi = ig.Graph.Read_GraphML(path)
        assert gi.is_directed() and gi.ecount() == r["linkages"], (gi.ecount(), r["linkages"])
        t, bc = timed(lambda: gi.betweenness(directed=True), runs)
        top = max(range(len(bc)), key=lambda i: bc[i])
        nodes = gi.vcount()
        top_norm = bc[top] / ((nodes - 1) * (nodes - 2))
        assert abs(top_norm - r["top_betweenness"]) < 1e-9 * max(1.0, top_norm), (top_norm, r["top_betweenness"])
        results.append(row("betweenness (directed)", f"{n_actors} actors / {r['linkages']} linkages",
                           r["betweenness_s"], "python-igraph", t, f"top broker agrees: {gi.vs[top]['id']}"))
        t, _ = timed(lambda: (gi.density(loops=False), gi.degree()), args.runs)
        results.append(row("density + degree", f"{n_actors} actors", r["density_degree_s"], "python-igraph", t))

        gx = nx.read_graphml(path)
        assert gx.number_of_edges() == r["linkages"]
        t, _ = timed(lambda: (nx.density(gx), dict(gx.degree())), args.runs)
        results.append(row("density + degree", f"{n_actors} actors", r["density_degree_s"], "networkx", t))
        if n_actors < 10_000 or args.networkx_10k:
            t, bcx = timed(lambda: nx.betweenness_centrality(gx), 1)
            results.append(row("betweenness (directed)", f"{n_actors} actors / {r['linkages']} linkages",
                               r["betweenness_s"], "networkx", t, "1 run"))
        results.append(row("GraphML export", f"{r['linkages']} linkages", r["graphml_s"], "(no peer)", float("nan"),
                           f"{r['graphml_bytes'] / 1e6:.1f} MB"))

    print(f"\nload average at the end {os.getloadavg()}", flush=True)
    with open(os.path.join(args.work, "peers.json"), "w") as f:
        json.dump(results, f, indent=1)
    print(f"\nresults written to {os.path.join(args.work, 'peers.json')}")


if __name__ == "__main__":
    main()
