# Sourced (not run) by ./buzzbeam and runner-configs/flink/cluster.sh: the one home of which JVM
# runs buzzbeam and of the JIT options every buzzbeam JVM that runs the job's code shares.
#
# Which JVM (buzzbeam_select_java sets BUZZBEAM_JAVA, the java binary, and BUZZBEAM_JAVA_MAJOR):
#   1. $BUZZBEAM_JAVA_HOME, when set;
#   2. else $JAVA_HOME, when set;
#   3. else the newest JDK of a tested major (17 to BUZZBEAM_JAVA_NEWEST_TESTED) among `java` on
#      PATH and the JDKs installed under /usr/lib/jvm (where Debian and Ubuntu put them), `java` on
#      PATH when it is as new. The newest, because the code is compiled for Java 17 but runs
#      faster on newer JVMs, JDK 25 most of all: its ahead-of-time cache (JEP 483, 514, 515:
#      classes loaded and linked, and method profiles, from an earlier run) took issue #12's zone A
#      from 19.0/18.7 s on JDK 17 to 14.8/13.4 s (README "Performance"). Capped at the newest
#      major the test suite and the benchmark have run on, so that a JDK nobody has tried is
#      never picked up silently; a user can still choose one with BUZZBEAM_JAVA_HOME.
BUZZBEAM_JAVA_NEWEST_TESTED=25
BUZZBEAM_RUNNER_CONFIGS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# The major version of the JDK at $1 (its `release` file), or nothing.
buzzbeam_java_major() {
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1
}

buzzbeam_select_java() {
  local home="${BUZZBEAM_JAVA_HOME:-${JAVA_HOME:-}}"
  if [[ -n "$home" ]]; then
    BUZZBEAM_JAVA="$home/bin/java"
    BUZZBEAM_JAVA_MAJOR="$(buzzbeam_java_major "$home")"
    return
  fi
  BUZZBEAM_JAVA="" BUZZBEAM_JAVA_MAJOR=""
  local best=0 candidate major
  if command -v java >/dev/null 2>&1; then
    candidate="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    major="$(buzzbeam_java_major "$candidate")"
    BUZZBEAM_JAVA="$(command -v java)" BUZZBEAM_JAVA_MAJOR="$major"
    if [[ -n "$major" ]] && (( major >= 17 && major <= BUZZBEAM_JAVA_NEWEST_TESTED )); then best="$major"; fi
  fi
  for candidate in /usr/lib/jvm/*/; do
    candidate="${candidate%/}"
    [[ -x "$candidate/bin/java" && ! -L "$candidate" ]] || continue
    major="$(buzzbeam_java_major "$candidate")"
    [[ -n "$major" ]] || continue
    if (( major > best && major <= BUZZBEAM_JAVA_NEWEST_TESTED )); then
      best="$major" BUZZBEAM_JAVA="$candidate/bin/java" BUZZBEAM_JAVA_MAJOR="$major"
    fi
  done
}

# HotSpot's JIT thresholds of runner-configs/jit.options (which says why and what they measured),
# as one line of options.
buzzbeam_jit_options() {
  grep -v -e '^#' -e '^[[:space:]]*$' "$BUZZBEAM_RUNNER_CONFIGS/jit.options" | tr '\n' ' '
}

# JDK 24 and later warn, on a process's output, when Pekko (Flink's RPC) and Flink's memory
# segments use sun.misc.Unsafe and when snappy-java loads its native library; all are expected
# here and allowed, as before JDK 24. Empty for older JDKs, which do not know these options.
buzzbeam_quiet_jdk_options() {
  if [[ -n "${BUZZBEAM_JAVA_MAJOR:-}" ]] && (( BUZZBEAM_JAVA_MAJOR >= 24 )); then
    echo "--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
  fi
}
