#!/usr/bin/env bash
# Scheduled runs, measured (issue #10; speed lives in benchmarks, not in timed tests). Prints, from
# one run of this script:
#  1. a one-day run over the last day of a 30-day landing zone against the same one-day run over a
#     3-day zone (each after one full run has published the history, as in hourly operation):
#     the run's cost must not grow with the days of history (goal: ratio <= 1.3);
#  2. what atomic publishing costs per row against the plain batched upsert it replaced.
# Usage: scripts/bench-schedule.sh [scale]   (default 0.3, the issue's zone)
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-0.3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== building"
# package and the class path in one reactor build, so the pipelines module resolves transforms from it
mvn -B -q -Dstyle.color=never -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test >/dev/null

# The report's own figure: "buzzbeam run <id> on <runner>: succeeded in 12.3 s".
report_seconds() { grep -E ': (succeeded|gated) in [0-9.]+ s' "$1" | tail -1 | sed -E 's/.* in ([0-9.]+) s.*/\1/'; }

declare -A took wall pruned
for days in 3 30; do
  zone="$work/z$days" data="$work/d$days"
  ./buzzbeam generate --out="$zone" --days="$days" --scale="$scale" >/dev/null 2>&1
  last=$(date -d "2023-08-28 + $((days - 1)) days" +%F)
  ./buzzbeam run --landing="$zone" --dataDir="$data" --progressSeconds=0 --sinks=jdbc > "$work/full$days.log" 2>&1
  start=$(date +%s.%N)
  ./buzzbeam run --landing="$zone" --dataDir="$data" --progressSeconds=0 --sinks=jdbc --from="$last" --to="$last" > "$work/day$days.log" 2>&1
  end=$(date +%s.%N)
  took[$days]=$(report_seconds "$work/day$days.log")
  wall[$days]=$(awk -v a="$end" -v b="$start" 'BEGIN { print a - b }')
  pruned[$days]=$(grep -oE 'files pruned by --from: [0-9,]+' "$work/day$days.log" | grep -oE '[0-9,]+$' || echo 0)
  files=$(find "$zone" -type f | wc -l)
  printf 'zone of %2d days (%s files): one-day run over %s: %s s (report), %.1f s wall, %s files pruned\n' \
    "$days" "$files" "$last" "${took[$days]}" "${wall[$days]}" "${pruned[$days]}"
done
awk -v r30="${took[30]}" -v r3="${took[3]}" -v w30="${wall[30]}" -v w3="${wall[3]}" \
  'BEGIN { printf "ratio 30 days / 3 days: %.2fx (report), %.2fx (wall); goal <= 1.3\n", r30 / r3, w30 / w3 }'

echo "== publish cost per row"
java -Xmx2g -cp "pipelines/target/classes:pipelines/target/test-classes:transforms/target/classes:$(cat pipelines/target/bench-cp.txt)" \
  io.buzzbeam.pipelines.bench.PublishBenchmark 200000 2>/dev/null | grep -v '^\[' || true
