# Sourced (not run) by ./buzzbeam and runner-configs/flink/cluster.sh: the one home of which JVM
# runs buzzbeam and of the JIT options every buzzbeam JVM that runs the job's code shares.
#
# Which JVM (buzzbeam_select_java):
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

# The JDK directory a java binary ($1, a path or a name on PATH) belongs to, links resolved.
buzzbeam_java_home_of() {
  dirname "$(dirname "$(readlink -f "$(command -v "$1")")")"
}

# Whether major $1 is one buzzbeam has been tested on (17 to BUZZBEAM_JAVA_NEWEST_TESTED).
buzzbeam_java_tested() {
  [[ -n "$1" ]] && (( $1 >= 17 && $1 <= BUZZBEAM_JAVA_NEWEST_TESTED ))
}

# "MAJOR DIRECTORY" for each JDK of a tested major installed under /usr/lib/jvm (links skipped:
# Debian adds aliases such as java-1.17.0-openjdk-amd64 for the same JDK).
buzzbeam_installed_jdks() {
  local home major
  for home in /usr/lib/jvm/*/; do
    home="${home%/}"
    [[ -x "$home/bin/java" && ! -L "$home" ]] || continue
    major="$(buzzbeam_java_major "$home")"
    if buzzbeam_java_tested "$major"; then echo "$major $home"; fi
  done
}

# Sets BUZZBEAM_JAVA (the java binary), BUZZBEAM_JAVA_MAJOR (empty when unknown) and
# BUZZBEAM_JAVA_DIR (its JDK directory, links resolved), as the header says.
buzzbeam_select_java() {
  local home="${BUZZBEAM_JAVA_HOME:-${JAVA_HOME:-}}"
  BUZZBEAM_JAVA="" BUZZBEAM_JAVA_MAJOR="" BUZZBEAM_JAVA_DIR=""
  if [[ -n "$home" ]]; then
    BUZZBEAM_JAVA="$home/bin/java"
  else
    local best=0 major candidate
    if command -v java >/dev/null 2>&1; then
      BUZZBEAM_JAVA="$(command -v java)"
      major="$(buzzbeam_java_major "$(buzzbeam_java_home_of java)")"
      if buzzbeam_java_tested "$major"; then best="$major"; fi
    fi
    while read -r major candidate; do
      if (( major > best )); then best="$major" BUZZBEAM_JAVA="$candidate/bin/java"; fi
    done < <(buzzbeam_installed_jdks)
  fi
  if [[ -n "$BUZZBEAM_JAVA" ]] && command -v "$BUZZBEAM_JAVA" >/dev/null 2>&1; then
    BUZZBEAM_JAVA_DIR="$(buzzbeam_java_home_of "$BUZZBEAM_JAVA")"
    BUZZBEAM_JAVA_MAJOR="$(buzzbeam_java_major "$BUZZBEAM_JAVA_DIR")"
  fi
}

# The class-data archive a JDK of major $1 gets from ./buzzbeam: an ahead-of-time cache (aot)
# from JDK 25 on, a dynamic AppCDS archive (jsa) before.
buzzbeam_archive_kind() {
  if [[ -n "$1" ]] && (( $1 >= 25 )); then echo aot; else echo jsa; fi
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
