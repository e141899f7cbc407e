#!/usr/bin/env bash
# Part of stage 1 of `./buzzbeam test` (scripts/test-all.sh): the launcher's class-data archive
# (AppCDS, see ./buzzbeam), on real runs over a small generated landing zone:
#  1. the first `run` after a build writes one archive, and nothing of the JVM's archive logging
#     reaches the run's output;
#  2. the next run maps its classes from that archive;
#  3. a run that fails (bad usage, exit 2) leaves no archive and no temporary file behind, even
#     when the jars changed (the stale archive stays until a run succeeds); nor does `run --help`;
#     nor does a run profiled with Flight Recorder, which gets its recording (a dumping JVM would
#     switch the recorder off);
#  4. a run stopped with SIGTERM stops its JVM and leaves no archive or temporary file either;
#  5. the next successful run replaces the stale archive with one for the new jars;
#  6. the JVM is the one runner-configs/java.sh chooses (the report names its version), and a run
#     on every other tested JDK installed here, chosen with BUZZBEAM_JAVA_HOME, gets an archive of
#     its own kind (JDK 25 and later: an AOT cache, .aot; older: a dynamic AppCDS archive, .jsa)
#     that its next run maps.
# The JDK's own messages about writing an archive never reach a run's output.
set -euo pipefail
cd "$(dirname "$0")/.."
cds="pipelines/target/cds"
jar="pipelines/target/buzzbeam-pipelines.jar"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/buzzbeam-launcher-test.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test-launcher.sh: FAILED: $*" >&2; exit 1; }
say() { echo "== launcher: $*"; }
archives() { find "$cds" -maxdepth 1 \( -name 'buzzbeam-*.jsa' -o -name 'buzzbeam-*.aot' \) -printf '%f\n' 2>/dev/null | sort; }
temporaries() { find "$cds" -maxdepth 1 -name '.buzzbeam-*' -printf '%f\n' 2>/dev/null; }
tiny_run() { # log, extra args...
  local log="$1"; shift
  rm -rf "$tmp/data"
  ./buzzbeam run --landing="$tmp/zone" --dataDir="$tmp/data" --progressSeconds=0 "$@" </dev/null >"$log" 2>&1
}
# The JDK's archive and AOT cache messages (some printed whatever -Xlog says), and its warnings.
jdk_noise() { grep -m1 -e 'warning\]' -e 'AOTCache' -e 'AOTConfiguration' -e 'AOT cache' -e 'Picked up JAVA_TOOL_OPTIONS' -e '^WARNING: ' "$1"; }
source runner-configs/java.sh
buzzbeam_select_java
expected_kind="$(buzzbeam_archive_kind "$BUZZBEAM_JAVA_MAJOR")"

./buzzbeam generate --out="$tmp/zone" --seed=7 --days=1 --brands=2 --scale=0.05 >/dev/null 2>&1 ||
  fail "generate failed"
rm -rf "$cds"

say "1. the first run writes the archive"
tiny_run "$tmp/1.log" || { tail -20 "$tmp/1.log" >&2; fail "first run failed"; }
grep -q 'succeeded in' "$tmp/1.log" || fail "first run: no report"
first="$(archives)"
[[ $(wc -l <<<"$first") == 1 && "$first" == buzzbeam-*."$expected_kind" ]] || fail "first run: expected one .$expected_kind archive, found '$first'"
[[ -z "$(temporaries)" ]] || fail "first run left $(temporaries)"
! jdk_noise "$tmp/1.log" >/dev/null || fail "first run: the JDK's messages in the output: $(jdk_noise "$tmp/1.log")"
java_version="$("$BUZZBEAM_JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
grep -q "^buzzbeam run run-.*, Java $java_version\$" "$tmp/1.log" ||
  fail "first run: the report does not name $BUZZBEAM_JAVA ($java_version): $(grep -m1 '^buzzbeam run run-' "$tmp/1.log")"
say "   $first, Java $java_version ($BUZZBEAM_JAVA)"

say "2. the next run maps its classes from it"
BUZZBEAM_JAVA_OPTS="-Xmx1g -Xlog:class+load=info:file=$tmp/classes.txt" tiny_run "$tmp/2.log" ||
  { tail -20 "$tmp/2.log" >&2; fail "second run failed"; }
shared=$(grep -c 'source: shared objects file' "$tmp/classes.txt" || true)
(( shared > 5000 )) || fail "second run: only $shared classes came from the archive (expected thousands)"
[[ "$(archives)" == "$first" ]] || fail "second run changed the archive: $(archives)"
say "   $shared classes from the archive"

say "3. a failed run, or run --help, leaves no archive (jars changed, so it would have written one)"
touch "$jar"
rc=0
tiny_run "$tmp/3.log" --landing="$tmp/no-such-zone" || rc=$?
[[ "$rc" == 2 ]] || fail "bad usage: exit $rc, expected 2 ($(tail -1 "$tmp/3.log"))"
[[ "$(archives)" == "$first" ]] || fail "failed run: archives are now '$(archives)'"
[[ -z "$(temporaries)" ]] || fail "failed run left $(temporaries)"
./buzzbeam run --help </dev/null >"$tmp/3-help.log" 2>&1 || fail "run --help failed"
[[ "$(archives)" == "$first" ]] || fail "run --help (exit 0, few classes loaded) wrote an archive: '$(archives)'"
BUZZBEAM_JAVA_OPTS="-Xmx1g -XX:StartFlightRecording=filename=$tmp/profiled.jfr" tiny_run "$tmp/3-jfr.log" ||
  { tail -20 "$tmp/3-jfr.log" >&2; fail "profiled run failed"; }
[[ -s "$tmp/profiled.jfr" ]] || fail "profiled run: no recording ($(grep -m1 -i 'jfr' "$tmp/3-jfr.log" || true))"
[[ "$(archives)" == "$first" && -z "$(temporaries)" ]] || fail "profiled run wrote an archive: '$(archives)' $(temporaries)"

say "4. a run stopped with SIGTERM stops its JVM and leaves no archive"
rm -rf "$tmp/data"
./buzzbeam run --landing="$tmp/zone" --dataDir="$tmp/data" --progressSeconds=0 </dev/null >"$tmp/4.log" 2>&1 &
launcher=$!
for _ in $(seq 1 240); do grep -q '^buzzbeam run run-' "$tmp/4.log" && break; sleep 0.25; done
grep -q '^buzzbeam run run-' "$tmp/4.log" || { kill -KILL "$launcher" 2>/dev/null; fail "stopped run never started"; }
jvm=$(pgrep -P "$launcher" java || true)
[[ -n "$jvm" ]] || fail "no JVM under the launcher (pid $launcher)"
kill -TERM "$launcher"
rc=0
wait "$launcher" || rc=$?
(( rc != 0 )) || fail "stopped run exited 0"
! kill -0 "$jvm" 2>/dev/null || { kill -KILL "$jvm"; fail "the JVM $jvm outlived its launcher"; }
[[ "$(archives)" == "$first" ]] || fail "stopped run: archives are now '$(archives)'"
[[ -z "$(temporaries)" ]] || fail "stopped run left $(temporaries)"
say "   exit $rc"

say "5. the next successful run replaces the stale archive"
tiny_run "$tmp/5.log" || { tail -20 "$tmp/5.log" >&2; fail "fifth run failed"; }
now="$(archives)"
[[ $(wc -l <<<"$now") == 1 && "$now" == buzzbeam-*."$expected_kind" && "$now" != "$first" ]] ||
  fail "after the jars changed: expected one new archive, found '$now' (was '$first')"
[[ -z "$(temporaries)" ]] || fail "fifth run left $(temporaries)"
! jdk_noise "$tmp/5.log" >/dev/null || fail "fifth run: the JDK's messages in the output: $(jdk_noise "$tmp/5.log")"

say "6. every other tested JDK installed here, chosen with BUZZBEAM_JAVA_HOME"
others=0
while read -r major home; do
  [[ "$home" != "$BUZZBEAM_JAVA_DIR" ]] || continue
  others=$((others + 1))
  BUZZBEAM_JAVA_HOME="$home" tiny_run "$tmp/6-$major.log" || { tail -20 "$tmp/6-$major.log" >&2; fail "run on $home failed"; }
  grep -q "^buzzbeam run run-.*, Java $major[.0-9]*\$" "$tmp/6-$major.log" ||
    fail "run on $home: the report names another JVM: $(grep -m1 '^buzzbeam run run-' "$tmp/6-$major.log")"
  ! jdk_noise "$tmp/6-$major.log" >/dev/null || fail "run on $home: the JDK's messages in the output: $(jdk_noise "$tmp/6-$major.log")"
  theirs="$(archives)"
  kind="$(buzzbeam_archive_kind "$major")"
  [[ $(wc -l <<<"$theirs") == 1 && "$theirs" == buzzbeam-*."$kind" ]] ||
    fail "run on $home: expected one .$kind archive, found '$theirs'"
  BUZZBEAM_JAVA_HOME="$home" BUZZBEAM_JAVA_OPTS="-Xmx1g -Xlog:class+load=info:file=$tmp/classes-$major.txt" tiny_run "$tmp/6b-$major.log" ||
    { tail -20 "$tmp/6b-$major.log" >&2; fail "second run on $home failed"; }
  shared=$(grep -c 'source: shared objects file' "$tmp/classes-$major.txt" || true)
  (( shared > 5000 )) || fail "second run on $home: only $shared classes came from its archive"
  say "   $home (Java $major): $theirs, $shared classes from it on the next run"
done < <(buzzbeam_installed_jdks)
say "   $others other tested JDK(s) here"
say "passed"
