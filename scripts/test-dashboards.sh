#!/usr/bin/env bash
# Stage 2 of `./buzzbeam test` (scripts/test-all.sh): the Superset dashboards on real pipeline output.
#  - installs Debian's chromium, chromium-driver and fonts-noto-cjk when absent (apt-get, no prompt;
#    `apt-get update` only when something is missing);
#  - installs/initializes the pinned Superset (`dashboards/cli.py prepare`: .venv/superset, cached)
#    in the background while a small real pipeline run (`./buzzbeam demo --days=1 --scale=0.1
#    --sinks=jdbc`, embedded Flink) writes into a temporary data dir;
#  - keeps its embedded PostgreSQL up with `./buzzbeam serve` in the background;
#  - runs dashboards/tests/run_tests.sh against it (installs the pinned Superset into .venv/superset
#    when needed, brings it up on port BUZZBEAM_SUPERSET_PORT (8089), pytest with real Superset and
#    headless Chromium, brings it down);
#  - always stops serve and Superset and removes the temporary data dir (trap).
# Options through the environment: BUZZBEAM_DEMO_ARGS (default "--days=1 --scale=0.1 --sinks=jdbc"),
# BUZZBEAM_SUPERSET_PORT, BUZZBEAM_SUPERSET_VENV, BUZZBEAM_KEEP_TMP=1 (keep the data dir for a look).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
t_stage=$(date +%s)
elapsed() { echo "$(( $(date +%s) - t_stage ))s"; }
say() { echo "== dashboards [$(elapsed)] $*"; }

# ------------------------------------------------------------------ system packages
packages=(chromium chromium-driver fonts-noto-cjk)
python3 -c 'import ensurepip, venv' 2>/dev/null || packages+=(python3-venv)
missing=()
for p in "${packages[@]}"; do
  [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" == "install ok installed" ]] || missing+=("$p")
done
if (( ${#missing[@]} )); then
  say "installing ${missing[*]} (apt-get)"
  if [[ $(id -u) -eq 0 ]]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo -n); else
    echo "test-dashboards.sh: ${missing[*]} missing and not root (no sudo): apt-get install ${missing[*]}" >&2; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q </dev/null
  "${sudo[@]}" apt-get install -y -q "${missing[@]}" </dev/null
else
  say "chromium, chromium-driver, fonts-noto-cjk already installed"
fi

# ------------------------------------------------------------------ cleanup, whatever happens
tmp="$(mktemp -d "${TMPDIR:-/tmp}/buzzbeam-dashboards-test.XXXXXX")"
export BUZZBEAM_SUPERSET_PORT="${BUZZBEAM_SUPERSET_PORT:-8089}"
export BUZZBEAM_SUPERSET_HOME="${BUZZBEAM_SUPERSET_HOME:-$repo/data/superset-test}"
serve_pid=""
prepare_pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$prepare_pid" ]] && kill -0 "$prepare_pid" 2>/dev/null; then
    kill -TERM "$prepare_pid" 2>/dev/null || true; wait "$prepare_pid" 2>/dev/null || true
  fi
  python3 dashboards/cli.py down --port="$BUZZBEAM_SUPERSET_PORT" >/dev/null 2>&1 || true
  if [[ -n "$serve_pid" ]] && kill -0 "$serve_pid" 2>/dev/null; then
    kill -TERM "$serve_pid" 2>/dev/null || true   # serve's shutdown hook stops PostgreSQL and Mongo cleanly
    for _ in $(seq 1 60); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$serve_pid" 2>/dev/null && { echo "test-dashboards.sh: serve did not stop in 30s; killing it" >&2; kill -KILL "$serve_pid" 2>/dev/null || true; }
    wait "$serve_pid" 2>/dev/null || true
  fi
  # an embedded PostgreSQL left behind by a killed run (postmaster.pid line 1 is its pid)
  if [[ -f "$tmp/postgres/postmaster.pid" ]]; then
    pg_pid="$(head -1 "$tmp/postgres/postmaster.pid" 2>/dev/null || true)"
    [[ "$pg_pid" =~ ^[0-9]+$ ]] && kill -TERM "$pg_pid" 2>/dev/null && sleep 2 || true
  fi
  if [[ "${BUZZBEAM_KEEP_TMP:-}" == 1 ]]; then echo "test-dashboards.sh: kept $tmp"; else rm -rf "$tmp"; fi
  say "stage finished (exit $rc)"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------------ Superset install + init, meanwhile the pipeline
export BUZZBEAM_SUPERSET_PASSWORD="${BUZZBEAM_SUPERSET_PASSWORD:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')}"
say "Superset: install/init in the background (dashboards/cli.py prepare, log $tmp/prepare.log)"
python3 dashboards/cli.py prepare </dev/null >"$tmp/prepare.log" 2>&1 &
prepare_pid=$!

# ------------------------------------------------------------------ a small real pipeline run
# (--sinks=jdbc: the dashboards read PostgreSQL only)
read -r -a demo_args <<<"${BUZZBEAM_DEMO_ARGS:---days=1 --scale=0.1 --sinks=jdbc}"
say "pipeline: ./buzzbeam demo --dataDir=$tmp ${demo_args[*]} (log $tmp/demo.log)"
if ! ./buzzbeam demo --dataDir="$tmp" "${demo_args[@]}" </dev/null >"$tmp/demo.log" 2>&1; then
  tail -40 "$tmp/demo.log" >&2
  echo "test-dashboards.sh: the demo pipeline run failed" >&2
  exit 1
fi
grep -E '^(buzzbeam run .*(succeeded|failed)|  (read = valid|rows written))' "$tmp/demo.log" || true
say "pipeline done"
if ! wait "$prepare_pid"; then
  cat "$tmp/prepare.log" >&2
  echo "test-dashboards.sh: installing/initializing Superset failed" >&2
  exit 1
fi
sed 's/^/  /' "$tmp/prepare.log"
say "Superset prepared"

# ------------------------------------------------------------------ serve its embedded PostgreSQL
./buzzbeam serve --dataDir="$tmp" </dev/null >"$tmp/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 240); do
  grep -q 'Press Ctrl-C to stop' "$tmp/serve.log" 2>/dev/null && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$tmp/serve.log" >&2; echo "test-dashboards.sh: serve exited" >&2; exit 1; }
  sleep 0.5
done
grep -q 'Press Ctrl-C to stop' "$tmp/serve.log" || { cat "$tmp/serve.log" >&2; echo "test-dashboards.sh: serve did not come up in 120s" >&2; exit 1; }
say "serve up (pid $serve_pid): $(grep -m1 '^  PostgreSQL' "$tmp/serve.log" | sed 's/  (user.*//; s/^ *//')"

# ------------------------------------------------------------------ Superset + pytest + Chromium
export BUZZBEAM_DATA_DIR="$tmp"
export BUZZBEAM_SCREENSHOTS="$tmp/screenshots"   # the committed screenshots stay as they are
unset BUZZBEAM_JDBC_URL BUZZBEAM_JDBC_USER
dashboards/tests/run_tests.sh </dev/null
say "dashboards tests passed"
