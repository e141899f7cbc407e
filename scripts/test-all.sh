#!/usr/bin/env bash
# Every test of buzzbeam, from a fresh clone: `./buzzbeam test` (and CI's .ci/run).
#  1. Java: unit and pipeline tests (TestPipeline + PAssert), the embedded PostgreSQL and Mongo
#     wire server, Flink MiniCluster and a standalone Flink cluster started from Maven jars; then
#     two minutes of coverage-guided fuzzing of the landing reader (Jazzer); then the launcher's
#     class-data archive on real runs (scripts/test-launcher.sh).
#  2. Dashboards (scripts/test-dashboards.sh): a small real pipeline run into a temporary data dir,
#     `./buzzbeam serve` on it, the pinned Apache Superset 6.1.0 brought up on it and tested with
#     pytest and headless Chromium (installs chromium, chromium-driver, fonts-noto-cjk when absent).
# `./buzzbeam test --java` runs stage 1 only, `./buzzbeam test --dashboards` stage 2 only.
set -euo pipefail
cd "$(dirname "$0")/.."
java=1 dashboards=1
case "${1:-}" in
  "") ;;
  --java) dashboards=0 ;;
  --dashboards) java=0 ;;
  *) echo "test: unknown option '$1' (expected --java or --dashboards)" >&2; exit 2 ;;
esac
t0=$(date +%s)
if (( java )); then
  echo "== Java tests (mvn verify)"
  mvn -B verify
  echo "== Java tests passed in $(( $(date +%s) - t0 ))s"
  # mvn verify replays the fuzz corpus; this fuzzes for real, bounded by the test's maxDuration
  # (2 minutes; docs/FUZZING.md has the longer run). A crash found fails the build.
  echo "== Fuzzing the landing reader for 2 minutes (Jazzer)"
  JAZZER_FUZZ=1 mvn -B -pl transforms -Dtest=LandingReaderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false test
  echo "== Fuzzing found no crash"
  echo "== The launcher's class-data archive (scripts/test-launcher.sh)"
  scripts/test-launcher.sh
fi
if (( dashboards )); then
  t1=$(date +%s)
  echo "== Dashboard tests (scripts/test-dashboards.sh)"
  scripts/test-dashboards.sh
  echo "== Dashboard tests passed in $(( $(date +%s) - t1 ))s"
fi
echo "== all tests passed in $(( $(date +%s) - t0 ))s"
