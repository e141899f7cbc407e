#!/usr/bin/env bash
# Every test of buzzbeam, from a fresh clone: `./buzzbeam test` (and CI's .ci/run).
#  1. Java: unit and pipeline tests (TestPipeline + PAssert), the embedded PostgreSQL and Mongo
#     wire server, Flink MiniCluster and a standalone Flink cluster started from Maven jars.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== Java tests (mvn verify)"
mvn -B verify
