#!/usr/bin/env bash
# Issue #12's benchmark: buzzbeam's run time against a bare open-korean-text pass and against the
# seeds' stack, on generated zones, with the ratios and their goals printed from this one run.
#
#   scripts/bench/pipeline.sh [--write-readme] [--skip-cluster] [--skip-seed]
#
# Zones (generated into $BUZZBEAM_BENCH_WORK, default a temporary directory):
#   A  generate --seed=42 --days=3 --brands=11 --scale=1        (~276k polled items)
#   B  the same with --days=6                                    (twice the distinct media)
#   R  zone A with NSMC reviews as captions (scripts/bench/realtext_zone.py): real Korean text
#   M  generate --seed=42 --days=3 --brands=11 --scale=4        (~1M polled items, heap check)
#   S  generate --seed=7 --days=1 --brands=2 --scale=0.05        (the first run after the build,
#      which writes the launcher's class-data archive: pipelines/target/cds is emptied first)
# Measured (each in a fresh JVM, one at a time; the machine should be otherwise idle):
#   bare Okt   BareOktPass over the zone's distinct captions on every core, JVM start included
#              (the fastest of three passes), on the JVM ./buzzbeam runs on (runner-configs/java.sh
#              chooses it; BUZZBEAM_JAVA_HOME another), with that JVM's defaults
#   run        ./buzzbeam run (Flink embedded, the default): the report's "succeeded in" figure
#              (zones A, B, R: the fastest of three runs; on a 2-core VM the runs vary by up to
#              25 % from one to the next, the bare passes by about 1 %)
#   direct     the same with --runner=DirectRunner under -Xmx2g
#   cluster    the same on runner-configs/flink/cluster.sh start 2, --runnerConfig=flink-cluster,
#              after one run of zone R on that cluster: a scheduled run finds its cluster up, its
#              TaskManagers' JIT warmed by earlier full-size jobs; R has other captions than A, so
#              the tokenizer's per-JVM piece cache gains nothing from it (a second run of A on the
#              same cluster would find A's pieces cached: 15 % less TaskManager CPU, not measured)
#   seeds      ../shared/bench/seed_stack.py tokenize --dedup + marts, when its Python
#              environment exists ($BUZZBEAM_SEED_PYTHON, default .venv/seed/bin/python; set it up
#              as ../shared/bench/README.md says)
# Where the time goes: a Java Flight Recorder profile of a second run of zone A, summed by step
# (scripts/bench/jfr_steps.py). --write-readme replaces README's "Measured" block with the results.
set -euo pipefail
cd "$(dirname "$0")/../.."
home="$(pwd)"

write_readme=0 skip_cluster=0 skip_seed=0
for arg in "$@"; do
  case "$arg" in
    --write-readme) write_readme=1 ;;
    --skip-cluster) skip_cluster=1 ;;
    --skip-seed) skip_seed=1 ;;
    *) echo "bench: unknown option $arg (see the header of $0)" >&2; exit 2 ;;
  esac
done
corpus="${BUZZBEAM_NSMC:-../shared/corpora/nsmc_ratings_test.txt}"
seed_stack="${BUZZBEAM_SEED_STACK:-../shared/bench/seed_stack.py}"
seed_python="${BUZZBEAM_SEED_PYTHON:-.venv/seed/bin/python}"
[[ -f "$corpus" ]] || { echo "bench: NSMC corpus not found: $corpus (set BUZZBEAM_NSMC)" >&2; exit 2; }
[[ -f "$seed_stack" ]] || { echo "bench: seed_stack.py not found: $seed_stack (set BUZZBEAM_SEED_STACK)" >&2; exit 2; }

work="${BUZZBEAM_BENCH_WORK:-}"
if [[ -z "$work" ]]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
results="$work/results.tsv"
: > "$results"
record() { printf '%s\t%s\n' "$1" "$2" >> "$results"; }
value() { awk -F'\t' -v k="$1" '$1 == k { v = $2 } END { print v }' "$results"; }

# shellcheck source=../../runner-configs/java.sh
source runner-configs/java.sh
buzzbeam_select_java
echo "== building (the runs and the bare Okt pass on $BUZZBEAM_JAVA, Java $BUZZBEAM_JAVA_MAJOR)"
mvn -B -q -Dstyle.color=never -DskipTests package >/dev/null
mvn -B -q -Dstyle.color=never -pl transforms test-compile >/dev/null
mvn -B -q -Dstyle.color=never -pl transforms dependency:build-classpath \
  -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test >/dev/null
classpath="transforms/target/classes:transforms/target/test-classes:$(cat transforms/target/bench-cp.txt)"

zone() { # name, generate args...
  local name="$1"; shift
  if [[ ! -d "$work/$name" ]]; then
    ./buzzbeam generate --out="$work/$name" "$@" >/dev/null 2>&1
  fi
}
echo "== zones (in $work)"
# BUZZBEAM_BENCH_SCALE shrinks every zone (e.g. 0.02 to try the script out in a minute).
scale="${BUZZBEAM_BENCH_SCALE:-1}"
zone A --seed=42 --days=3 --brands=11 --scale="$scale"
zone B --seed=42 --days=6 --brands=11 --scale="$scale"
zone M --seed=42 --days=3 --brands=11 --scale="$(awk -v s="$scale" 'BEGIN { print 4 * s }')"
if [[ ! -d "$work/R" ]]; then
  cp -r "$work/A" "$work/R"
  python3 scripts/bench/realtext_zone.py "$work/R" "$corpus"
fi
for z in A B R; do
  python3 "$seed_stack" captions --landing="$work/$z" --out="$work/$z.captions" >/dev/null 2>&1
done

seconds() { awk -v a="$2" -v b="$1" 'BEGIN { printf "%.1f", a - b }'; }

bare_okt() { # zone; the fastest of three passes, each in a fresh JVM
  local t0 t1 best="" t
  for _ in 1 2 3; do
    t0=$(date +%s.%N)
    "$BUZZBEAM_JAVA" -Xmx2g -cp "$classpath" io.buzzbeam.transforms.bench.BareOktPass "$work/$1.captions" | sed "s/^/  $1: /"
    t1=$(date +%s.%N)
    t=$(seconds "$t0" "$t1")
    best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
  done
  record "okt.$1" "$best"
}

media_read() { # key: the media items a run's report says it read (as printed, with commas)
  grep -oE 'media +[0-9,]+' "$work/$1.log" | head -1 | grep -oE '[0-9,]+$'
}

run() { # key, zone, extra args... ; records the report's figure, wall time and peak RSS
  local key="$1" z="$2"; shift 2
  rm -rf "$work/data-$key"
  /usr/bin/time -o "$work/$key.time" -f "%e %M" ./buzzbeam run --landing="$work/$z" --dataDir="$work/data-$key" \
    --progressSeconds=0 "$@" > "$work/$key.log" 2>&1 || { echo "bench: run $key failed, see $work/$key.log" >&2; tail -5 "$work/$key.log" >&2; exit 1; }
  local report wall rss
  report=$(grep -oE 'succeeded in [0-9.]+ s' "$work/$key.log" | grep -oE '[0-9.]+' | tail -1)
  read -r wall rss < "$work/$key.time"
  record "run.$key" "$report"
  record "wall.$key" "$wall"
  record "rss.$key" "$((rss / 1024))"
  printf '  %-8s report %6s s   wall %6s s   peak RSS %5s MB   (%s)\n' "$key" "$report" "$wall" "$((rss / 1024))" \
    "media $(media_read "$key")"
}

best_of_three() { # key, zone, extra args... ; the fastest of three runs is the one recorded
  local key="$1"; shift
  local i k=1
  for i in 1 2 3; do
    run "$key-$i" "$@"
    awk -v a="$(value "run.$key-$k")" -v b="$(value "run.$key-$i")" 'BEGIN { exit !(b < a) }' && k=$i
  done
  record "run.$key" "$(value "run.$key-$k")"
  record "wall.$key" "$(value "wall.$key-$k")"
  record "rss.$key" "$(value "rss.$key-$k")"
}

# Every zone file once through the page cache first, so that no measured run pays for the disk.
for z in A B R M; do find "$work/$z" -type f -exec cat {} + > /dev/null; done

# The launcher's class-data archive (./buzzbeam, AppCDS) is written by the first run after a build;
# it is made here on a small zone so that every measured run below maps it, as runs do in use.
echo "== the first run after a build writes the launcher's class-data archive (small zone S, twice)"
zone S --seed=7 --days=1 --brands=2 --scale=0.05
rm -rf pipelines/target/cds
run first S
run second S

echo "== bare Okt pass (fresh JVM, $(nproc) threads, distinct captions; the fastest of three)"
for z in A B R; do bare_okt "$z"; done

echo "== buzzbeam run (Flink embedded, the default; A, B and R: the fastest of three runs)"
best_of_three A A
best_of_three B B
best_of_three R R
run M M
echo "== the profile: zone A again, under Java Flight Recorder (not used in the ratios: the recorder costs time)"
BUZZBEAM_JAVA_OPTS="-Xmx6g -XX:StartFlightRecording=filename=$work/A.jfr,settings=profile" run profiled A
echo "== DirectRunner, -Xmx2g"
BUZZBEAM_JAVA_OPTS=-Xmx2g run direct A --runner=DirectRunner

if [[ "$skip_cluster" == 0 ]]; then
  echo "== standalone Flink cluster, 2 TaskManagers, parallelism 2"
  runner-configs/flink/cluster.sh job-jar >/dev/null
  cluster_stop() { runner-configs/flink/cluster.sh stop >/dev/null 2>&1 || true; }
  trap 'cluster_stop; [[ -z "${BUZZBEAM_BENCH_WORK:-}" ]] && rm -rf "$work"' EXIT
  # The first job on a fresh cluster, for the record; then a fresh cluster again (the first one's
  # TaskManagers keep zone A's captions in their tokenizer cache).
  runner-configs/flink/cluster.sh start 2 >/dev/null
  run cluster-cold A --runnerConfig=flink-cluster --parallelism=2
  cluster_stop
  # A scheduled run finds its cluster up and warm (the job's classes are on the cluster's classpath,
  # runner-configs/flink/cluster.sh, and its TaskManagers have JIT-compiled them on earlier runs of
  # the same size): here it has run zone R before. A small zone is not enough: after zone S, zone A
  # took 30.4 s (the job 24.1 s, the TaskManagers still compiling); after R, 15.4 s (10.7 s).
  runner-configs/flink/cluster.sh start 2 >/dev/null
  run cluster-warmup R --runnerConfig=flink-cluster --parallelism=2
  run cluster A --runnerConfig=flink-cluster --parallelism=2
  cluster_stop
fi

seed_line="seeds' stack: not run"
if [[ "$skip_seed" == 0 && -x "$seed_python" ]] && "$seed_python" -c 'import konlpy, pymongo, pyspark, psycopg2' 2>/dev/null; then
  echo "== the seeds' stack ($seed_stack) on zone A"
  ./buzzbeam serve --dataDir="$work/seed-data" > "$work/serve.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 1 120); do grep -q "Press Ctrl-C" "$work/serve.log" && break; sleep 1; done
  mongo_uri=$(grep -oE 'mongodb://[^ ]+' "$work/serve.log" | head -1)
  jdbc_url=$(grep -oE 'jdbc:postgresql://[^ ]+' "$work/serve.log" | head -1)
  t0=$(date +%s.%N)
  "$seed_python" "$seed_stack" tokenize --landing="$work/A" --mongo-uri="$mongo_uri" --dedup --progress=0 > "$work/seed-tokenize.log" 2>&1
  t1=$(date +%s.%N)
  "$seed_python" "$seed_stack" marts --landing="$work/A" --jdbc-url="$jdbc_url" --pg-user=buzzbeam \
    --pg-credentials="$work/seed-data/postgres.credentials" > "$work/seed-marts.log" 2>&1
  t2=$(date +%s.%N)
  kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null || true
  record seed.tokenize "$(seconds "$t0" "$t1")"
  record seed.marts "$(seconds "$t1" "$t2")"
  record seed "$(seconds "$t0" "$t2")"
  seed_line="seeds' stack: tokenize --dedup $(value seed.tokenize) s + marts $(value seed.marts) s = $(value seed) s"
  echo "  $seed_line"
else
  echo "== the seeds' stack: skipped (no Python environment with konlpy, pymongo, pyspark, psycopg2 at $seed_python;"
  echo "   set it up as ../shared/bench/README.md says, or point BUZZBEAM_SEED_PYTHON at one)"
fi

echo "== where the time goes (run A, Java Flight Recorder, CPU samples by step)"
python3 scripts/bench/jfr_steps.py "$work/A.jfr" | tee "$work/steps.txt"

echo "== ratios (goal in brackets)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" -v g="$2" -v dir="$3" 'BEGIN { if (r == "n/a") print "-"; else if ((dir == "le" && r <= g) || (dir == "ge" && r >= g)) print "met"; else print "MISSED" }'; }
line() { # label, ratio, goal, le|ge
  printf '  %-58s %6s  [%s %s]  %s\n' "$1" "$2" "$([[ $4 == le ]] && echo "<=" || echo ">=")" "$3" "$(verdict "$2" "$3" "$4")" | tee -a "$work/ratios.txt"
}
: > "$work/ratios.txt"
line "run A / bare Okt A (generated captions)" "$(ratio "$(value run.A)" "$(value okt.A)")" 1.3 le
line "run R / bare Okt R (NSMC captions)" "$(ratio "$(value run.R)" "$(value okt.R)")" 1.3 le
line "run B / bare Okt B (twice the distinct media)" "$(ratio "$(value run.B)" "$(value okt.B)")" 1.3 le
line "run B / run A (doubling the distinct media)" "$(ratio "$(value run.B)" "$(value run.A)")" 2.1 le
line "seeds' stack / run A (speed-up over the seeds)" "$(ratio "$(value seed)" "$(value run.A)")" 2.5 ge
line "DirectRunner (-Xmx2g) / Flink embedded, zone A" "$(ratio "$(value run.direct)" "$(value run.A)")" 2.0 le
line "cluster (2 TMs, parallelism 2, after R) / embedded, zone A" "$(ratio "$(value run.cluster)" "$(value run.A)")" 1.3 le
printf '  %-58s %6s  (its first job after start; no goal)\n' "cluster, first job / embedded, zone A" \
  "$(ratio "$(value run.cluster-cold)" "$(value run.A)")" | tee -a "$work/ratios.txt"
m_items=$(media_read M | tr -d ,)
echo "  zone M: ${m_items:-?} polled media items in $(value run.M) s, peak RSS $(value rss.M) MB (default heap -Xmx6g)" | tee -a "$work/ratios.txt"
per_million=$(awk -v s="$(value run.M)" -v n="${m_items:-0}" 'BEGIN { if (n > 0) printf "%.0f", s * 1000000 / n; else print "?" }')

if [[ "$write_readme" == 1 ]]; then
  machine="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $("$BUZZBEAM_JAVA" -version 2>&1 | head -1)"
  {
    echo "<!-- bench:begin (written by scripts/bench/pipeline.sh --write-readme on $(date -u +%Y-%m-%d)) -->"
    echo "Measured on $machine:"
    echo
    echo "| zone | bare Okt pass | buzzbeam run (report) | wall | peak RSS |"
    echo "|---|---|---|---|---|"
    for z in A B R M; do
      okt="$(value okt.$z)"; echo "| $z | ${okt:+$okt s} | $(value run.$z) s | $(value wall.$z) s | $(value rss.$z) MB |"
    done
    echo "| A, DirectRunner -Xmx2g | | $(value run.direct) s | $(value wall.direct) s | $(value rss.direct) MB |"
    echo "| A, cluster (2 TMs), after one job of zone R | | $(value run.cluster) s | $(value wall.cluster) s | |"
    echo "| A, cluster (2 TMs), its first job | | $(value run.cluster-cold) s | $(value wall.cluster-cold) s | |"
    echo
    echo "$seed_line."
    echo
    echo "The first run after a build writes the launcher's class-data archive: on a small zone"
    echo "($(media_read first) polled items) it took $(value wall.first) s wall, the next run $(value wall.second) s."
    echo
    echo '```'
    cat "$work/ratios.txt"
    echo '```'
    echo
    echo "Where the time of run A goes (CPU samples of a Java Flight Recorder profile, by step):"
    echo
    echo '```'
    cat "$work/steps.txt"
    echo '```'
    echo
    echo "Expect about $per_million s per million polled items on such a machine (zone M); the time"
    echo "grows with the distinct captions far more than with the polls (zone B against A)."
    echo "<!-- bench:end -->"
  } > "$work/readme-block.md"
  python3 - "$work/readme-block.md" <<'EOF'
import re, sys
block = open(sys.argv[1], encoding="utf-8").read()
text = open("README.md", encoding="utf-8").read()
new, n = re.subn(r"<!-- bench:begin.*?<!-- bench:end -->\n?", block, text, flags=re.S)
if n != 1:
    sys.exit("bench: README.md has no <!-- bench:begin --> ... <!-- bench:end --> block")
open("README.md", "w", encoding="utf-8").write(new)
print("README.md: Performance figures replaced")
EOF
fi
