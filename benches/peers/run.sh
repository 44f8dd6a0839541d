#!/usr/bin/env bash
# Build the Rust side, set up a venv with the peer tools, run peers.py.
# Usage: benches/peers/run.sh [peers.py arguments, e.g. --runs 5 --quick]
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build --release --features synth --examples
VENV="${PEERS_VENV:-$CARGO_TARGET_DIR/peers-venv}"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q -r benches/peers/requirements.txt
fi
exec "$VENV/bin/python" benches/peers/peers.py "$@"
