#!/usr/bin/env bash
# A real standalone Flink 1.19 session cluster on this machine, from the Flink jars Maven resolves
# (no Flink distribution needed): one JobManager JVM and N TaskManager JVMs bound to 127.0.0.1.
#
#   cluster.sh start [TASKMANAGERS]   start the JobManager and TASKMANAGERS (default 1) TaskManagers,
#                                     wait until they have registered
#   cluster.sh add-taskmanager        start one more TaskManager and wait until it has registered
#   cluster.sh stop                   stop the processes this script started (pid files), TMs first
#   cluster.sh status                 JobManager / TaskManager pids, registered TaskManagers, jobs
#   cluster.sh classpath              build (if missing) and print the cluster classpath
#   cluster.sh job-jar                build pipelines/target/buzzbeam-job.jar if missing or stale
#   cluster.sh flink ARGS...          Flink's command line client against this cluster, e.g.
#                                     cluster.sh flink run -c MAIN pipelines/target/buzzbeam-job.jar ...
#   cluster.sh rest-url               print http://127.0.0.1:PORT
#
# Environment:
#   BUZZBEAM_HOME                 repository root (default: two levels above this script)
#   BUZZBEAM_FLINK_WORK           pid files, logs, tmp dirs (default: runner-configs/flink/work)
#   BUZZBEAM_FLINK_CONF_DIR       directory with config.yaml and log4j.properties (default: conf/)
#   BUZZBEAM_FLINK_REST_PORT      REST / web UI port (default: rest.port of config.yaml, 8081)
#   BUZZBEAM_FLINK_RPC_PORT       JobManager RPC port (default: jobmanager.rpc.port, 6123)
#   BUZZBEAM_FLINK_START_TIMEOUT  seconds to wait for registration (default 120)
#   BUZZBEAM_FLINK_JAVA_OPTS      extra JVM options for the JobManager and TaskManagers (a Tier* flag
#                                 there replaces runner-configs/jit.options on TaskManagers)
#   BUZZBEAM_FLINK_JOB_CLASSES    on (default): `start` copies the job jar (building it if missing or
#                                 stale) into WORK/usrlib and puts it on every cluster JVM's classpath,
#                                 resolved parent-first; off: jobs bring their classes (a rebuilt job
#                                 then runs without restarting the cluster)
#   BUZZBEAM_JAVA_HOME, JAVA_HOME the JVM to use (default: the newest tested JDK installed, as for
#                                 ./buzzbeam: runner-configs/java.sh)
#
# The JobManager and every TaskManager (also those of add-taskmanager) inherit this script's
# environment. That is how BUZZBEAM_JDBC_PASSWORD reaches the workers when a run uses
# --jdbcUrl: export it before `start` and before `add-taskmanager`; it is never written to a
# file, a command line or a log by this script.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HOME_DIR="${BUZZBEAM_HOME:-$(cd "$SCRIPT_DIR/../.." && pwd)}"
CONF_DIR="${BUZZBEAM_FLINK_CONF_DIR:-$SCRIPT_DIR/conf}"
WORK="${BUZZBEAM_FLINK_WORK:-$SCRIPT_DIR/work}"
LIB_DIR="$SCRIPT_DIR/target/lib"
START_TIMEOUT="${BUZZBEAM_FLINK_START_TIMEOUT:-120}"
# shellcheck source=../java.sh
source "$SCRIPT_DIR/../java.sh"
buzzbeam_select_java
JAVA="$BUZZBEAM_JAVA"

log() { echo "cluster.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# Value of a flat `key: value` line of config.yaml (empty when absent).
conf_value() {
  sed -n "s/^$1:[[:space:]]*//p" "$CONF_DIR/config.yaml" | tail -n 1 | sed 's/[[:space:]]*$//'
}

mvn_build() { # mvn args...: offline first (fast, no network), then online
  if command -v mvn >/dev/null 2>&1; then
    mvn -B -q -Dstyle.color=never -o "$@" >&2 || mvn -B -q -Dstyle.color=never "$@" >&2
  else
    die "mvn not found: it builds the Flink classpath and the job jar"
  fi
}

ensure_classpath() {
  # Built again, from scratch, after either pom changed: a new flink.version must not leave the old
  # jars beside the new ones.
  local stamp="$LIB_DIR/.built"
  if [ ! -f "$stamp" ] || [ "$HOME_DIR/pom.xml" -nt "$stamp" ] || [ "$SCRIPT_DIR/pom.xml" -nt "$stamp" ]; then
    log "building the Flink cluster classpath into $LIB_DIR"
    rm -rf "$LIB_DIR"
    mvn_build -f "$SCRIPT_DIR/pom.xml" package
    ls "$LIB_DIR"/flink-runtime-*.jar >/dev/null 2>&1 && touch "$stamp"
  fi
  ls "$LIB_DIR"/flink-runtime-*.jar >/dev/null 2>&1 || die "no Flink jars in $LIB_DIR"
  CLASSPATH_STR="$(find "$LIB_DIR" -maxdepth 1 -name '*.jar' | sort | tr '\n' ':')"
  CLASSPATH_STR="${CLASSPATH_STR%:}"
}

# The job's classes on the cluster JVMs' own classpath (BUZZBEAM_FLINK_JOB_CLASSES, default on).
# A job's classes otherwise come from the jar it uploads, through a class loader of its own per
# job: each TaskManager then loads them, verifies them, JIT-compiles the job's code and loads
# open-korean-text's dictionaries anew for every run, and throws all of it away when the run
# ends. From the JVM's own classpath, resolved parent-first, they stay loaded and compiled from
# one hourly run to the next (README "Performance": zone A on 2 TaskManagers 36.1/36.2 s ->
# 24.4 s after one earlier run). `start` copies the jar, named after its SHA-256, so a rebuild
# never changes the jar under running JVMs, and `add-taskmanager` uses the same copy; the client
# (cli.ClusterBuild) refuses a run whose staged job jar is not that build, which would otherwise
# run the cluster's older classes.
job_classes_on() { [[ "${BUZZBEAM_FLINK_JOB_CLASSES:-on}" != off ]]; }

snapshot_job_jar() {
  local jar sum
  jar="$(cmd_job_jar)"
  sum="$(sha256sum "$jar" | cut -c1-16)"
  mkdir -p "$WORK/usrlib"
  cp "$jar" "$WORK/usrlib/.buzzbeam-job-$sum.jar"
  mv "$WORK/usrlib/.buzzbeam-job-$sum.jar" "$WORK/usrlib/buzzbeam-job-$sum.jar"
}

add_job_classes() { # appends the snapshot `start` made to CLASSPATH_STR, parent-first
  local snapshot
  snapshot="$(find "$WORK/usrlib" -maxdepth 1 -name 'buzzbeam-job-*.jar' 2>/dev/null | head -n 1)"
  [[ -n "$snapshot" ]] || die "no job jar snapshot in $WORK/usrlib (start the cluster with cluster.sh start)"
  CLASSPATH_STR="$CLASSPATH_STR:$snapshot"
  DYNAMIC+=(-D classloader.resolve-order=parent-first)
}

# Ports and state of the cluster in $WORK (written by start, so stop/status use the same ports).
load_state() {
  if [[ -f "$WORK/cluster.env" ]]; then
    # shellcheck disable=SC1091
    source "$WORK/cluster.env"
  fi
  REST_PORT="${REST_PORT:-${BUZZBEAM_FLINK_REST_PORT:-$(conf_value rest.port)}}"
  REST_PORT="${REST_PORT:-8081}"
  RPC_PORT="${RPC_PORT:-${BUZZBEAM_FLINK_RPC_PORT:-$(conf_value jobmanager.rpc.port)}}"
  RPC_PORT="${RPC_PORT:-6123}"
  REST_URL="http://127.0.0.1:$REST_PORT"
}

# The pid in a pid file if that process is alive and is one of ours (its command line names $WORK).
live_pid() {
  local file="$1" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "-Dbuzzbeam.flink.work=$WORK " || return 1
  echo "$pid"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Memory flags of a JVM: BashJavaUtils prints JVM params and dynamic configs as its last two lines.
resource_params() { # GET_JM_RESOURCE_PARAMS | GET_TM_RESOURCE_PARAMS
  local out
  out="$("$JAVA" -classpath "$CLASSPATH_STR" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" \
    --configDir "$CONF_DIR" "${DYNAMIC[@]}" 2>&1)" || die "BashJavaUtils $1 failed: $out"
  out="$(grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$out" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://')"
  [[ "$(wc -l <<<"$out")" -ge 2 ]] || die "BashJavaUtils $1 gave no memory settings"
  JVM_PARAMS="$(tail -n 2 <<<"$out" | head -n 1)"
  DYNAMIC_CONFIGS="$(tail -n 1 <<<"$out")"
}

java_opts() { # jobmanager | taskmanager
  local opts
  opts="$(conf_value env.java.default-opts.all) $(conf_value env.java.opts.all)"
  opts="$opts $(conf_value "env.java.opts.$1") ${BUZZBEAM_FLINK_JAVA_OPTS:-}"
  # A TaskManager runs the job's code and gets the launcher's JIT thresholds (runner-configs/
  # jit.options), unless its options set a Tier* flag. The JobManager stops at C1 (config.yaml).
  if [[ "$1" == taskmanager && "$opts" != *Tier* ]]; then
    opts="$opts $(buzzbeam_jit_options)"
  fi
  opts="$opts $(buzzbeam_quiet_jdk_options)"
  echo "$opts"
}

set_dynamic() {
  DYNAMIC=(
    -D "rest.port=$REST_PORT" -D "rest.bind-port=$REST_PORT"
    -D "jobmanager.rpc.port=$RPC_PORT"
    -D "io.tmp.dirs=$WORK/tmp" -D "web.tmpdir=$WORK/tmp/web" -D "blob.storage.directory=$WORK/tmp/blobs"
  )
}

launch() { # role name main-class extra-args...
  local role="$1" name="$2" main="$3"
  shift 3
  local logfile="$WORK/log/$name.log"
  # shellcheck disable=SC2086,SC2046
  nohup "$JAVA" $JVM_PARAMS $(java_opts "$role") \
    "-Dbuzzbeam.flink.work=$WORK" "-Dlog.file=$logfile" \
    "-Dlog4j.configuration=file:$CONF_DIR/log4j.properties" \
    "-Dlog4j.configurationFile=file:$CONF_DIR/log4j.properties" \
    -Dlog4j2.formatMsgNoLookups=true \
    -classpath "$CLASSPATH_STR" "$main" --configDir "$CONF_DIR" "${DYNAMIC[@]}" "$@" $DYNAMIC_CONFIGS \
    >"$WORK/log/$name.out" 2>&1 </dev/null &
  echo $! >"$WORK/$name.pid"
  log "started $name (pid $!), log $logfile"
}

registered_tms() { # prints the ids of registered TaskManagers, one a line
  curl -sf --max-time 5 "$REST_URL/taskmanagers" 2>/dev/null |
    grep -o '"id":"[^"]*"' | sed 's/"id":"\(.*\)"/\1/' || true
}

wait_for() { # description, then a command that succeeds when done
  local what="$1" deadline=$((SECONDS + START_TIMEOUT))
  shift
  until "$@"; do
    if ((SECONDS >= deadline)); then
      log "timed out after ${START_TIMEOUT}s waiting for $what; see $WORK/log/"
      return 1
    fi
    local pid
    pid="$(live_pid "$WORK/jobmanager.pid")" || { log "the JobManager died; see $WORK/log/jobmanager.log and .out"; return 1; }
    sleep 0.5
  done
}

tm_registered() { registered_tms | grep -qx "$1"; }
tms_registered_at_least() { (($(registered_tms | grep -c .) >= $1)); }

start_taskmanager() {
  local n
  n=$(($(cat "$WORK/tm.counter" 2>/dev/null || echo 0) + 1))
  echo "$n" >"$WORK/tm.counter"
  launch taskmanager "taskmanager-$n" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    -D "taskmanager.resource-id=tm-$n"
  STARTED_TM="tm-$n"
}

cmd_start() {
  local tms="${1:-1}"
  [[ "$tms" =~ ^[0-9]+$ ]] && ((tms >= 1)) || die "start: TASKMANAGERS must be a positive integer, got '$tms'"
  mkdir -p "$WORK/log" "$WORK/tmp"
  if live_pid "$WORK/jobmanager.pid" >/dev/null; then
    die "a cluster is already running from $WORK (pid $(cat "$WORK/jobmanager.pid")); stop it first"
  fi
  rm -f "$WORK"/*.pid "$WORK/tm.counter" "$WORK/cluster.env"
  REST_PORT="" RPC_PORT=""
  load_state
  port_in_use "$REST_PORT" && die "REST port $REST_PORT is in use (set BUZZBEAM_FLINK_REST_PORT)"
  port_in_use "$RPC_PORT" && die "RPC port $RPC_PORT is in use (set BUZZBEAM_FLINK_RPC_PORT)"
  printf 'REST_PORT=%s\nRPC_PORT=%s\n' "$REST_PORT" "$RPC_PORT" >"$WORK/cluster.env"
  ensure_classpath
  set_dynamic
  rm -rf "$WORK/usrlib"
  if job_classes_on; then
    snapshot_job_jar >/dev/null
    add_job_classes
  fi
  local t0=$SECONDS
  resource_params GET_JM_RESOURCE_PARAMS
  launch jobmanager jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
  resource_params GET_TM_RESOURCE_PARAMS
  local i
  for ((i = 0; i < tms; i++)); do start_taskmanager; done
  if ! wait_for "$tms TaskManager(s) to register at $REST_URL" tms_registered_at_least "$tms"; then
    cmd_stop
    exit 1
  fi
  log "cluster up in $((SECONDS - t0))s: $REST_URL (web UI), $tms TaskManager(s), work dir $WORK"
}

cmd_add_taskmanager() {
  load_state
  live_pid "$WORK/jobmanager.pid" >/dev/null || die "no cluster is running from $WORK"
  ensure_classpath
  set_dynamic
  # The same classpath as the cluster's other JVMs: the snapshot `start` made, if it made one.
  [[ -d "$WORK/usrlib" ]] && add_job_classes
  resource_params GET_TM_RESOURCE_PARAMS
  start_taskmanager
  wait_for "TaskManager $STARTED_TM to register" tm_registered "$STARTED_TM" || exit 1
  log "TaskManager $STARTED_TM registered"
}

stop_pid_file() {
  local file="$1" pid name
  name="$(basename "$file" .pid)"
  if pid="$(live_pid "$file")"; then
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 60; i++)); do
      [[ -e "/proc/$pid" ]] || break
      sleep 0.25
    done
    if [[ -e "/proc/$pid" ]]; then
      log "$name (pid $pid) did not stop in 15s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$file"
}

cmd_stop() {
  [[ -d "$WORK" ]] || { log "nothing to stop in $WORK"; return 0; }
  local f
  for f in "$WORK"/taskmanager-*.pid; do [[ -e "$f" ]] && stop_pid_file "$f"; done
  [[ -e "$WORK/jobmanager.pid" ]] && stop_pid_file "$WORK/jobmanager.pid"
  rm -f "$WORK/cluster.env" "$WORK/tm.counter"
  return 0
}

cmd_status() {
  load_state
  local f pid up=0
  if pid="$(live_pid "$WORK/jobmanager.pid")"; then
    echo "jobmanager pid $pid rest $REST_URL rpc 127.0.0.1:$RPC_PORT"
    up=1
  else
    echo "jobmanager not running (work dir $WORK)"
  fi
  for f in "$WORK"/taskmanager-*.pid; do
    [[ -e "$f" ]] || continue
    if pid="$(live_pid "$f")"; then
      echo "$(basename "$f" .pid) pid $pid"
    else
      echo "$(basename "$f" .pid) not running"
    fi
  done
  if ((up)); then
    local tms
    tms="$(registered_tms)"
    echo "registered taskmanagers: $(grep -c . <<<"$tms") ${tms//$'\n'/ }"
    local overview
    overview="$(curl -sf --max-time 5 "$REST_URL/overview" 2>/dev/null || true)"
    [[ -n "$overview" ]] && echo "overview: $overview"
  fi
  ((up)) || return 3
}

cmd_job_jar() {
  local jar="$HOME_DIR/pipelines/target/buzzbeam-job.jar"
  local stale=0
  if [[ ! -f "$jar" ]]; then
    stale=1
  elif [[ -n "$(find "$HOME_DIR/pipelines/src/main" "$HOME_DIR/transforms/src/main" \
    "$HOME_DIR/pipelines/pom.xml" "$HOME_DIR/transforms/pom.xml" "$HOME_DIR/pom.xml" \
    -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then
    stale=1
  fi
  if ((stale)); then
    log "building $jar (mvn -Pjob-jar package)"
    (cd "$HOME_DIR" && mvn_build -pl pipelines -am package -DskipTests -Pjob-jar)
  fi
  [[ -f "$jar" ]] || die "no $jar after the build"
  echo "$jar"
}

cmd_flink() { # Flink's CliFrontend (bin/flink) with the cluster classpath, pointed at this cluster
  load_state
  ensure_classpath
  local action="${1:-}"
  shift || true
  local target=()
  case "$action" in
    run | list | cancel | stop | savepoint) target=(-m "127.0.0.1:$REST_PORT") ;;
  esac
  # shellcheck disable=SC2046
  FLINK_CONF_DIR="$CONF_DIR" exec "$JAVA" $(java_opts client) \
    "-Dlog4j.configurationFile=file:$CONF_DIR/log4j-cli.properties" -Dlog4j2.formatMsgNoLookups=true \
    -classpath "$CLASSPATH_STR" org.apache.flink.client.cli.CliFrontend $action "${target[@]}" "$@"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) load_state; cmd_stop ;;
  status) cmd_status ;;
  add-taskmanager) cmd_add_taskmanager ;;
  classpath) ensure_classpath; echo "$CLASSPATH_STR" ;;
  job-jar) cmd_job_jar ;;
  rest-url) load_state; echo "$REST_URL" ;;
  flink) shift; cmd_flink "$@" ;;
  *)
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
    exit 2
    ;;
esac
