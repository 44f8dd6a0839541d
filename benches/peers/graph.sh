#!/usr/bin/env bash
# Build the CLI and the bench_report example, set up a venv with the peer
# tools, run graph_peers.py (`regdev graph` end to end and betweenness
# against python-igraph).
# Usage: benches/peers/graph.sh [graph_peers.py arguments, e.g. --runs 3 --large-runs 1]
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build --release --features cli --bin regdev --example bench_report
VENV="${PEERS_VENV:-$CARGO_TARGET_DIR/peers-venv}"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q -r benches/peers/requirements.txt
fi
exec "$VENV/bin/python" benches/peers/graph_peers.py "$@"
