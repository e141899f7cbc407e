#!/usr/bin/env bash
# Brings a Superset up on the buzzbeam PostgreSQL, runs the dashboard tests (real Superset, real
# headless Chromium), brings it down. For CI:
#   BUZZBEAM_JDBC_URL=jdbc:postgresql://HOST:PORT/DB BUZZBEAM_JDBC_USER=owner BUZZBEAM_JDBC_PASSWORD=... \
#     dashboards/tests/run_tests.sh [pytest args]
# Without BUZZBEAM_JDBC_URL the embedded PostgreSQL of `./buzzbeam serve` is used (DATA_DIR/postgres.credentials,
# DATA_DIR = env BUZZBEAM_DATA_DIR or ./data). scripts/test-dashboards.sh runs it on a fresh pipeline run.
# Needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver fonts-noto-cjk).
# The Superset virtualenv is cached (.venv/superset, or BUZZBEAM_SUPERSET_VENV) and its state kept
# apart from a user's (./data/superset-test, or BUZZBEAM_SUPERSET_HOME).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
export BUZZBEAM_SUPERSET_PORT="${BUZZBEAM_SUPERSET_PORT:-8089}"
export BUZZBEAM_SUPERSET_HOME="${BUZZBEAM_SUPERSET_HOME:-$repo/data/superset-test}"
export BUZZBEAM_SUPERSET_PASSWORD="${BUZZBEAM_SUPERSET_PASSWORD:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')}"
venv="${BUZZBEAM_SUPERSET_VENV:-$repo/.venv/superset}"

for bin in chromium chromedriver; do
  command -v "$bin" >/dev/null || { echo "run_tests.sh: $bin missing: apt-get install chromium chromium-driver" >&2; exit 1; }
done

args=(up "--port=$BUZZBEAM_SUPERSET_PORT")
if [[ -n "${BUZZBEAM_JDBC_URL:-}" ]]; then
  args+=("--jdbcUrl=$BUZZBEAM_JDBC_URL" "--jdbcUser=${BUZZBEAM_JDBC_USER:?BUZZBEAM_JDBC_USER is needed with BUZZBEAM_JDBC_URL}")
fi
t0=$(date +%s)
python3 dashboards/cli.py "${args[@]}"
trap 'python3 dashboards/cli.py down --port="$BUZZBEAM_SUPERSET_PORT"' EXIT
echo "run_tests.sh: Superset up in $(( $(date +%s) - t0 ))s"
"$venv/bin/python" -m pytest "$here" -v -p no:cacheprovider "$@"
