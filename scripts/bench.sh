#!/usr/bin/env bash
# Benchmarks that print ratios measured in one run (speed lives here, not in timed tests):
#  1. tokenizing each distinct caption once (what TokenizeCaptions does) against tokenizing every
#     polled media, on real Korean text (the NSMC corpus beside the repository, each review
#     repeated 100 times as polling repeats captions);
#  2. the whole pipeline on Flink's embedded MiniCluster over a generated landing zone: media/s;
#  3. the two tokenizers (--tokenizer=okt|nori): documents/s of each on the NSMC reviews and on
#     the demo's captions (a small generated zone), and the overlap of their top-50 keywords;
#  4. the sinks: batched JDBC upserts through Beam against plain JDBC (embedded PostgreSQL), and
#     the embedded Mongo's memory backend + snapshot against mongo-java-server's H2 backend.
# The benchmarks are main programs under src/test/java/.../bench: they never run in mvn verify.
# Usage: scripts/bench.sh [tokenizers] [corpus-file]   (tokenizers: section 3 alone)
set -euo pipefail
cd "$(dirname "$0")/.."
only=""
if [[ "${1:-}" == tokenizers ]]; then
  only=tokenizers
  shift
fi
corpus="${1:-../shared/corpora/nsmc_ratings_test.txt}"
[[ -f "$corpus" ]] || { echo "bench: corpus not found: $corpus (pass its path)" >&2; exit 2; }

echo "== building"
mvn -B -q -Dstyle.color=never -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
classpath="transforms/target/classes:transforms/target/test-classes:$(cat transforms/target/bench-cp.txt)"
sinks_classpath="pipelines/target/classes:pipelines/target/test-classes:transforms/target/classes:$(cat pipelines/target/bench-cp.txt)"

if [[ -z "$only" ]]; then
  echo "== 1. tokenizer: distinct captions vs every media"
  java -Xmx2g -cp "$classpath" \
    io.buzzbeam.transforms.bench.TokenizerBenchmark "$corpus" 300 100 12

  echo "== 2. pipeline throughput (Flink embedded)"
  ./buzzbeam generate --out="$work/landing" --days=1 --scale=0.5 2>/dev/null | tail -1
  start=$(date +%s)
  ./buzzbeam run --landing="$work/landing" --dataDir="$work/data" --progressSeconds=0 > "$work/run.log" 2>&1
  end=$(date +%s)
  media=$(grep -E '^\s+media ' "$work/run.log" | awk '{gsub(",","",$2); print $2}')
  secs=$((end - start))
  echo "pipeline: ${media} media items in ${secs} s (incl. JVM and embedded servers start) = $((media / (secs > 0 ? secs : 1))) media/s"
fi

echo "== 3. tokenizers: Okt vs Nori (speed, top-50 keywords)"
./buzzbeam generate --out="$work/captions" --days=1 --brands=11 --scale=0.1 >/dev/null 2>&1
java -Xmx2g -cp "$classpath" io.buzzbeam.transforms.bench.TokenizerComparison "$corpus" "$work/captions" 5000 8

if [[ -z "$only" ]]; then
  echo "== 4. sinks: JDBC upserts, Mongo backends"
  java -Xmx2g -cp "$sinks_classpath" io.buzzbeam.pipelines.bench.JdbcUpsertBenchmark 20000 2>/dev/null | grep -v '^\[' || true
  java -Xmx2g -cp "$sinks_classpath" io.buzzbeam.pipelines.bench.MongoBackendBenchmark 5000 2>/dev/null | grep -v '^\[' || true
fi
