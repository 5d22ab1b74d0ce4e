#!/usr/bin/env bash
# Measures Ward's performance targets (issue 10) against a real `ward run`, with the load generator
# (`ward bench`) on the same machine. See docs/BENCHMARKS.md, "Performance targets (issue 10)".
#
#   benchmarks/run-targets.sh [STEP...]      steps: startup sweep sustained alarm idle profile plot
#                                            (default: all but profile)
#
# Environment (all optional):
#   OUT        where the JSON and text results go (default docs/bench/results)
#   WORK       scratch directory: Ward's data, PKI, logs (default: a new mktemp -d, kept afterwards)
#   RATES      offered rates of the sweep in msg/s (default "250 500 1000 2000 4000"; closed loop is
#              the `sustained` step)
#   DURATION   measured time per sweep point (default 30s); WARMUP (default 10s)
#   PORT       Ward's MLLP/TLS listener (default 32575); DOWNSTREAM_PORT (default 32576)
#   WARMUP_RATE, WARMUP_PASS: the unreported warm-up pass before the sweep, sustained and alarm steps
#              (default closed loop for 180s: until the JIT has settled)
#   IDLE_CONNECTIONS (default 1000); PROFILE_RATE (default 1000 msg/s; "closed" for the closed loop),
#   PROFILE_SECONDS (default 40), PROFILE_WARMUP (seconds of load before the window, default 200)
#   JAVA       java binary (default: java on PATH); WARD_JAR (default routes/target/ward.jar)
#   WARD_OPTS  extra JVM options for every Ward the steps start (e.g. to compare JIT settings)
#   JOURNAL    h2 (default: the embedded journal) or postgresql: a throw-away PostgreSQL 15 cluster
#              (/usr/lib/postgresql/15/bin, run as the postgres user, default settings, fsync on) on
#              127.0.0.1:PG_PORT (default 32577), its database emptied before each step; the profile
#              step then also lists the statements that took PostgreSQL longest (pg_stat_statements)
#
# Full pipeline: mutual TLS with revocation checks, device identity binding, PCD profile
# validation, the shipped access policy (config/policy.yaml, with the destination bound to the ehr
# role), the encrypted H2 journal with the ACK after commit (group commit), the audit spool (no
# repository: records stay spooled, so the spool cap is raised to 8 GiB), and delivery to one
# downstream MLLP/TLS receiver (DownstreamSink, in this module). Needs routes/target/ward.jar and the
# benchmarks jar: mvn -B -Pbench -pl benchmarks -am package -DskipTests
set -euo pipefail

HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA:-java}"
JAR="${WARD_JAR:-$HOME_DIR/routes/target/ward.jar}"
BENCH_CP="$HOME_DIR/benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$HOME_DIR/benchmarks/target/lib/*"
OUT="${OUT:-$HOME_DIR/docs/bench/results}"
WORK="${WORK:-$(mktemp -d /tmp/ward-targets.XXXXXX)}"
RATES="${RATES:-250 500 1000 2000 4000}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-10s}"
PORT="${PORT:-32575}"
DOWNSTREAM_PORT="${DOWNSTREAM_PORT:-32576}"
JOURNAL="${JOURNAL:-h2}"
PG_PORT="${PG_PORT:-32577}"
PG_BIN=/usr/lib/postgresql/15/bin
case "$JOURNAL" in
  h2) ;;
  postgresql)
    [ -x "$PG_BIN/initdb" ] || { echo "run-targets: JOURNAL=postgresql needs PostgreSQL 15: apt-get install -y postgresql" >&2; exit 2; } ;;
  *) echo "run-targets: JOURNAL is h2 or postgresql, not '$JOURNAL'" >&2; exit 2 ;;
esac
STEPS=("$@")
[ ${#STEPS[@]} -eq 0 ] && STEPS=(startup sweep sustained alarm idle plot)

for file in "$JAR" "$HOME_DIR/benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar"; do
  if [ ! -f "$file" ]; then
    echo "run-targets: $file missing; build with: mvn -B -Pbench -pl benchmarks -am package -DskipTests" >&2
    exit 2
  fi
done
mkdir -p "$OUT" "$WORK"
PKI="$WORK/var/pki"
WARD_PID=""
SINK_PID=""
PG_DIR=""

log() { echo "run-targets $(date -u +%H:%M:%S): $*" >&2; }

cleanup() {
  [ -n "$WARD_PID" ] && kill "$WARD_PID" 2>/dev/null && wait "$WARD_PID" 2>/dev/null || true
  [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null && wait "$SINK_PID" 2>/dev/null || true
  stop_postgres
}

# JOURNAL=postgresql: a cluster in its own directory (the server runs as postgres, which cannot enter
# WORK), the superuser ward with a random password that Ward reads from WORK/pg.password.
start_postgres() {
  [ -n "$PG_DIR" ] && return
  PG_DIR="$(mktemp -d /tmp/ward-targets-pg.XXXXXX)"
  openssl rand -hex 24 >"$WORK/pg.password"
  chmod 600 "$WORK/pg.password"
  cp "$WORK/pg.password" "$PG_DIR/password"
  chown -R postgres "$PG_DIR"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -U ward --pwfile="$PG_DIR/password" \
    -A scram-sha-256 -E UTF8 >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
  runuser -u postgres -- "$PG_BIN/postgres" -D "$PG_DIR/data" -p "$PG_PORT" -c listen_addresses=127.0.0.1 \
    -c shared_preload_libraries=pg_stat_statements -k "$PG_DIR" >"$PG_DIR/server.log" 2>&1 &
  local i
  for i in $(seq 1 300); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
    sleep 0.1
  done
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" || { cat "$PG_DIR/server.log" >&2; exit 1; }
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT, data in $PG_DIR"
  fresh_postgres
}

stop_postgres() {
  if [ -n "$PG_DIR" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
    kill -INT "$(head -1 "$PG_DIR/data/postmaster.pid")" 2>/dev/null || true
    while [ -f "$PG_DIR/data/postmaster.pid" ]; do sleep 0.1; done
  fi
  [ -n "$PG_DIR" ] && rm -rf "$PG_DIR"
  PG_DIR=""
}

# psql as ward on database $1, the other arguments passed on.
pg_sql() {
  local database="$1"
  shift
  PGPASSWORD="$(cat "$WORK/pg.password")" PGOPTIONS="-c client_min_messages=warning" \
    psql -q -h 127.0.0.1 -p "$PG_PORT" -U ward -d "$database" "$@"
}

# An empty journal database for the next step.
fresh_postgres() {
  pg_sql postgres -c "DROP DATABASE IF EXISTS ward" -c "CREATE DATABASE ward" >/dev/null
  pg_sql ward -c "CREATE EXTENSION pg_stat_statements" >/dev/null
}
trap cleanup EXIT

# What the machine looked like: cores, JDK, load average (the load generator shares these cores).
machine() {
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cores: $(nproc)"
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Starts `ward run --config $1` with JVM options $2 (word-split), logging to $3, and waits for the
# banner's last line. Sets WARD_PID; LISTEN_MS: milliseconds from launch to the log line saying the
# MLLP/TLS listener is open (logged once its port is bound: devices can connect and are answered);
# READY_MS: to the banner's last line, which also waits for what starts after the listener (Ward's own
# audit repository, the embedded KDC, the HTTPS API).
start_ward() {
  local config="$1" opts="${2:-} ${WARD_OPTS:-}" logfile="$3"
  local start now
  start=$(date +%s%N)
  if [ "${VIA_LAUNCHER:-}" = yes ]; then
    # The way an operator starts Ward: ./ward, with its class data sharing archive (README, "Start-up").
    JAVA="$JAVA" WARD_JAVA_OPTS="$opts" "$HOME_DIR/ward" run --config "$config" >"$logfile" 2>&1 &
  else
    # shellcheck disable=SC2086
    "$JAVA" $opts -Dward.home="$HOME_DIR" -jar "$JAR" run --config "$config" >"$logfile" 2>&1 &
  fi
  WARD_PID=$!
  local listening=""
  while true; do
    now=$(date +%s%N)
    if [ -z "$listening" ] && grep -q "listening on .* (mllp+tls)" "$logfile"; then
      listening=$(( (now - start) / 1000000 ))
    fi
    if grep -q "Stop with Ctrl-C or SIGTERM." "$logfile"; then
      READY_MS=$(( (now - start) / 1000000 ))
      if [ -z "$listening" ]; then
        echo "ward run started without logging its MLLP/TLS listener ('listening on ... (mllp+tls)'): see $logfile" >&2
        exit 1
      fi
      break
    fi
    if ! kill -0 "$WARD_PID" 2>/dev/null; then
      echo "ward run exited:" >&2
      cat "$logfile" >&2
      exit 1
    fi
    if [ $(( (now - start) / 1000000000 )) -gt 120 ]; then
      echo "ward run not up within 120 s" >&2
      exit 1
    fi
    sleep 0.01
  done
  LISTEN_MS="$listening"
}

stop_ward() {
  if [ -n "$WARD_PID" ]; then
    kill -TERM "$WARD_PID" 2>/dev/null || true
    wait "$WARD_PID" 2>/dev/null || true
    WARD_PID=""
  fi
}

journal_config() {
  [ "$JOURNAL" = postgresql ] || return 0
  cat <<EOF
journal:
  kind: postgresql
  url: jdbc:postgresql://127.0.0.1:$PG_PORT/ward
  user: ward
  password-file: $WORK/pg.password
EOF
}

bench_config() {
  local with_destination="$1"
  cat <<EOF
data-dir: $WORK/var
development-pki: true
audit:
  spool-directory: $WORK/var/audit-spool
  spool-cap-bytes: 8589934592
$(journal_config)
listeners:
  - name: devices
    bind: 127.0.0.1
    port: $PORT
    idle-timeout: 5m
    accept: [PCD-01, PCD-03, PCD-04, PCD-05, PCD-10]
    bind-device-identity: true
    tls:
      key-store: $PKI/server.p12
      key-store-password-file: $PKI/server.p12.password
      trust-anchors: $PKI/trust-anchors.pem
      protocols: [TLSv1.3, TLSv1.2]
      revocation: require
      crls: [$PKI/crl.pem]
      revocation-recheck: 60s
EOF
  if [ "$with_destination" = yes ]; then
    cat <<EOF
destinations:
  - name: ehr
    type: mllp
    host: 127.0.0.1
    port: $DOWNSTREAM_PORT
    key-store: $PKI/ehr.p12
    key-store-password-file: $PKI/ehr.p12.password
    trust-anchors: $PKI/trust-anchors.pem
    ack-timeout: 10s
routes:
  - name: devices-to-ehr
    from: devices
    to: [ehr]
EOF
  fi
}

# The data directory with its development PKI, the configuration, and the downstream receiver.
prepare() {
  [ "$JOURNAL" = postgresql ] && start_postgres
  [ -f "$WORK/ward.yaml" ] && return
  if [ ! -f "$PKI/ehr.p12" ]; then
    log "first run: creating the development PKI in $PKI"
    cp "$HOME_DIR/config/policy.yaml" "$WORK/policy.yaml"
    bench_config no >"$WORK/ward.yaml"
    start_ward "$WORK/ward.yaml" "" "$WORK/ward-pki.log"
    stop_ward
  fi
  sed 's/^destinations: {}/destinations: {ehr: [ehr]}/' "$HOME_DIR/config/policy.yaml" >"$WORK/policy.yaml"
  grep -q '^destinations: {ehr: \[ehr\]}' "$WORK/policy.yaml" || { echo "policy.yaml: destinations line not found" >&2; exit 1; }
  bench_config yes >"$WORK/ward.yaml"
  EUI64=$(openssl pkcs12 -in "$PKI/device.p12" -nokeys -passin "file:$PKI/device.p12.password" 2>/dev/null \
    | openssl x509 -noout -ext subjectAltName | grep -o 'urn:dev:mac:[0-9a-fA-F]*' | head -1 | sed 's/urn:dev:mac://')
  [ -n "$EUI64" ] || { echo "no EUI-64 in $PKI/device.p12" >&2; exit 1; }
  # The PCD-04 alarm of the profile tests, sent as the development device.
  sed "s/0011223344556677/$EUI64/g" "$HOME_DIR/pcd-profiles/src/test/resources/pcd/pcd-04-valid.hl7" >"$WORK/pcd-04.hl7"
}

start_sink() {
  [ -n "$SINK_PID" ] && return
  "$JAVA" -cp "$BENCH_CP" org.ward.bench.DownstreamSink "$DOWNSTREAM_PORT" "$PKI/server.p12" \
    "$PKI/trust-anchors.pem" "$WORK/downstream.count" >"$WORK/downstream.log" 2>&1 &
  SINK_PID=$!
  while ! grep -q "downstream listening" "$WORK/downstream.log"; do
    kill -0 "$SINK_PID" || { cat "$WORK/downstream.log" >&2; exit 1; }
    sleep 0.1
  done
}

downstream_count() { cat "$WORK/downstream.count" 2>/dev/null || echo 0; }

# ward bench with the development device's certificate; extra arguments follow.
bench() {
  "$JAVA" -Dward.home="$HOME_DIR" -jar "$JAR" bench --to "127.0.0.1:$PORT" --cert "$PKI/device.p12" \
    --trust "$PKI/trust-anchors.pem" --json "$@"
}

# Waits (at most $1 s) until the downstream receiver stops receiving; prints what it got.
await_drain() {
  local limit="$1" last=-1 now waited=0
  while [ "$waited" -lt "$limit" ]; do
    now=$(downstream_count)
    [ "$now" = "$last" ] && break
    last="$now"
    sleep 2
    waited=$((waited + 2))
  done
  downstream_count
}

step_startup() {
  # The default configuration (config/ward.yaml, its policy and users) with only data-dir moved into
  # the scratch directory: listener, own audit repository, HTTPS API and embedded KDC all start.
  local dir="$WORK/default"
  mkdir -p "$dir"
  sed "s#^data-dir: var #data-dir: $dir/var #; s#var/#$dir/var/#g" "$HOME_DIR/config/ward.yaml" >"$dir/ward.yaml"
  cp "$HOME_DIR/config/policy.yaml" "$HOME_DIR/config/users.yaml" "$dir/"
  {
    machine
    echo "config: config/ward.yaml with data-dir moved to a scratch directory"
    echo "ms from launching java to the MLLP/TLS listener's 'listening on ... (mllp+tls)' log line, and to the"
    echo "banner's last line (after Ward's own audit repository, the embedded KDC and the HTTPS API):"
    start_ward "$dir/ward.yaml" "" "$dir/ward-0.log"; stop_ward
    echo "run 0 (first start: creates the development PKI, KDC database, stores): listening $LISTEN_MS, started $READY_MS"
    for i in 1 2 3 4 5; do
      start_ward "$dir/ward.yaml" "" "$dir/ward-$i.log"; stop_ward
      echo "run $i: listening $LISTEN_MS, started $READY_MS"
    done
    if [ -z "${WARD_JAR:-}" ]; then
      echo "through ./ward (class data sharing; its first run writes the archive when it stops):"
      for i in 0 1 2 3 4 5; do
        VIA_LAUNCHER=yes start_ward "$dir/ward.yaml" "" "$dir/ward-cds-$i.log"; stop_ward
        echo "run $i: listening $LISTEN_MS, started $READY_MS"
      done
    fi
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  } >"$OUT/startup.txt"
  cat "$OUT/startup.txt"
}

# A fresh Ward compiles its hot paths under load: on 2 cores the JIT's threads compete with Ward for
# the CPU, and throughput keeps rising for about 150-200 s (docs/BENCHMARKS.md, "Warm-up"). This pass
# (not reported) keeps that out of the measured points; then the backlog it left downstream is drained.
warm_up() {
  local rate="${WARMUP_RATE:-closed}" offered=()
  [ "$rate" != closed ] && offered=(--rate "$rate")
  log "warm-up: $rate for ${WARMUP_PASS:-180s}, not reported"
  bench "${offered[@]}" --duration "${WARMUP_PASS:-180s}" --warmup 0s >"$WORK/warm-up.json" \
    2>"$WORK/warm-up.progress" || true
  # The warm-up curve: msg/s acknowledged in each 10 s of the pass, from the progress line.
  tr '\r' '\n' <"$WORK/warm-up.progress" | awk -v step="$1" '$2 == "measuring" && $3 % 10 == 0 {
      line = line sprintf(" %s", $5) } END { print step ": msg/s at 10 s, 20 s, ...:" line }' >>"$OUT/warm-up.txt"
  await_drain 300 >/dev/null
}

# Each measuring step starts on an empty journal and audit spool, so that one step's files (H2's grows
# with every message) do not weigh on the next. Their sizes are kept in journal-sizes.txt.
fresh_data() {
  if [ -d "$WORK/var/journal" ]; then
    echo "$1: before it, journal $(du -sh "$WORK/var/journal" | cut -f1), audit spool $(du -sh "$WORK/var/audit-spool" 2>/dev/null | cut -f1)" \
      >>"$OUT/journal-sizes.txt"
  fi
  rm -rf "$WORK/var/journal" "$WORK/var/audit-spool"
  if [ "$JOURNAL" = postgresql ]; then
    start_postgres
    fresh_postgres
  fi
}

step_sweep() {
  prepare; start_sink
  fresh_data sweep
  start_ward "$WORK/ward.yaml" "" "$WORK/ward-sweep.log"
  warm_up sweep
  machine >"$OUT/sweep-machine.txt"
  for rate in $RATES; do
    log "sweep: $rate msg/s offered, baseline then Ward"
    local before after
    before=$(downstream_count)
    bench --baseline --rate "$rate" --duration "$DURATION" --warmup "$WARMUP" >"$OUT/sweep-$rate.json" || true
    after=$(await_drain 60)
    echo "rate $rate: downstream received $((after - before)) during the run and drain; load $(cut -d' ' -f1-3 /proc/loadavg)" \
      >>"$OUT/sweep-machine.txt"
  done
  stop_ward
}

step_sustained() {
  prepare; start_sink
  fresh_data sustained
  start_ward "$WORK/ward.yaml" "" "$WORK/ward-sustained.log"
  # Whatever an earlier step left queued is delivered before the measurement, so that it measures
  # intake and delivery of its own messages only.
  await_drain 300 >/dev/null
  warm_up sustained
  log "sustained: closed loop, 16 connections, 60 s measured, baseline then Ward"
  local before after
  before=$(downstream_count)
  machine >"$OUT/sustained.txt"
  bench --baseline --duration 60s --warmup 10s >"$OUT/sustained.json" || true
  local t0=$SECONDS
  after=$(await_drain 300)
  {
    echo "after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "downstream received $((after - before)) (run and drain; drain ended $((SECONDS - t0)) s after the run)"
  } >>"$OUT/sustained.txt"
  stop_ward
}

step_alarm() {
  prepare; start_sink
  fresh_data alarm
  start_ward "$WORK/ward.yaml" "" "$WORK/ward-alarm.log"
  await_drain 300 >/dev/null
  warm_up alarm
  machine >"$OUT/alarm.txt"
  log "alarm: PCD-04 alone, one connection, 50 msg/s"
  bench --connections 1 --rate 50 --message "$WORK/pcd-04.hl7" --duration 30s --warmup 10s \
    >"$OUT/alarm-alone.json" || true
  log "alarm: PCD-04 on its own connection beside 1,000 msg/s of PCD-01 on 16 connections"
  bench --rate 1000 --duration 40s --warmup 10s >"$OUT/alarm-pcd01-load.json" &
  local load=$!
  sleep 5
  bench --connections 1 --rate 50 --message "$WORK/pcd-04.hl7" --duration 30s --warmup 10s \
    >"$OUT/alarm-beside-load.json" || true
  wait "$load" || true
  echo "after: load average $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/alarm.txt"
  stop_ward
}

step_idle() {
  prepare; start_sink
  local n="${IDLE_CONNECTIONS:-1000}"
  start_ward "$WORK/ward.yaml" "-Xmx512m" "$WORK/ward-idle.log"
  {
    machine
    echo "ward run with -Xmx512m; $n mutual-TLS connections from the development device, idle"
    jcmd "$WARD_PID" GC.run >/dev/null
    echo "--- heap after start (after a full GC):"
    jcmd "$WARD_PID" GC.heap_info | tail -n +2
    echo "RSS: $(grep VmRSS /proc/"$WARD_PID"/status)"
  } >"$OUT/idle.txt"
  rm -f "$WORK/idle.in"; mkfifo "$WORK/idle.in"
  "$JAVA" -cp "$BENCH_CP" org.ward.bench.IdleConnections 127.0.0.1 "$PORT" "$PKI/device.p12" \
    "$PKI/trust-anchors.pem" "$n" "$WORK/pcd-04.hl7" <"$WORK/idle.in" >"$WORK/idle.out" 2>&1 &
  local client=$!
  exec 3>"$WORK/idle.in"
  while ! grep -q "^held" "$WORK/idle.out"; do
    kill -0 "$client" || { cat "$WORK/idle.out" >&2; exit 1; }
    sleep 0.5
  done
  sleep 30
  {
    grep "^held" "$WORK/idle.out"
    echo "--- heap with $n connections held 30 s (after a full GC):"
    jcmd "$WARD_PID" GC.run >/dev/null
    jcmd "$WARD_PID" GC.heap_info | tail -n +2
    echo "RSS: $(grep VmRSS /proc/"$WARD_PID"/status)"
    echo "threads: $(ls /proc/"$WARD_PID"/task | wc -l)"
  } >>"$OUT/idle.txt"
  echo go >&3
  exec 3>&-
  wait "$client" || true
  grep "answered" "$WORK/idle.out" >>"$OUT/idle.txt" || cat "$WORK/idle.out" >>"$OUT/idle.txt"
  grep -c "OutOfMemoryError" "$WORK/ward-idle.log" | sed 's/^/OutOfMemoryError lines in the Ward log: /' >>"$OUT/idle.txt" || true
  cat "$OUT/idle.txt"
  stop_ward
}

# CPU ticks of each thread of process $1: "ticks name" per line (name as the kernel keeps it, 15 chars).
thread_ticks() {
  local task
  for task in /proc/"$1"/task/*; do
    # comm may hold spaces: the fields after the ")" that closes it are fixed
    sed -E 's/^[0-9]+ \((.*)\) (.*)$/\2 \1/' "$task/stat" 2>/dev/null \
      | awk -v id="${task##*/}" '{name=""; for (i = 51; i <= NF; i++) name = name " " $i; print $12 + $13, id, name}'
  done
}

# CPU ticks (user + system) of the whole process $1, 0 when it is gone.
process_ticks() {
  local used
  used=$(sed -E 's/^.*\) //' "/proc/$1/stat" 2>/dev/null | awk '{print $12 + $13}')
  echo "${used:-0}"
}

# Where the machine's CPU went: "name ticks" for Ward, the load generator ($1), the downstream receiver,
# PostgreSQL (all its processes) and every other process, and "busy"/"all" from /proc/stat.
machine_ticks() {
  local pg=0 pid
  for pid in $(pgrep -u postgres 2>/dev/null); do pg=$((pg + $(process_ticks "$pid"))); done
  echo "ward $(process_ticks "$WARD_PID")"
  echo "load-generator $(process_ticks "$1")"
  echo "downstream-receiver $(process_ticks "$SINK_PID")"
  echo "postgresql $pg"
  awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print "busy", busy; print "all", busy + $5 + $6 }' /proc/stat
}

step_profile() {
  # JFR over a window after a warm-up (PROFILE_WARMUP), and Ward's CPU time over the same window from /proc (per
  # thread too: JIT compiler and GC threads do not appear in JFR's execution samples), so the
  # shares become CPU time per message.
  local rate="${PROFILE_RATE:-1000}" seconds="${PROFILE_SECONDS:-40}" warm="${PROFILE_WARMUP:-200}"
  local offered=(--rate "$rate")
  [ "$rate" = closed ] && offered=()
  prepare; start_sink
  fresh_data profile
  rm -f "$WORK/ward.jfr"
  # JFR runs from the start: starting it later retransforms JDK classes and sets off recompilation
  # inside the window. Only the window's samples are counted.
  start_ward "$WORK/ward.yaml" "-XX:StartFlightRecording=name=ward,settings=profile,filename=$WORK/ward.jfr,dumponexit=true" \
    "$WORK/ward-profile.log"
  machine >"$OUT/profile.txt"
  log "profile: $rate msg/s offered; JFR over $seconds s after a $warm s warm-up"
  bench "${offered[@]}" --duration "$((seconds + 2))s" --warmup "$((warm - 1))s" >"$OUT/profile-bench.json" &
  local load=$! ticks generator=""
  ticks=$(getconf CLK_TCK)
  sleep "$warm"
  generator=$(pgrep -n -f "ward.jar bench --to 127.0.0.1:$PORT" || echo 0)
  local window_from window_to
  window_from=$(date +%s%3N)
  thread_ticks "$WARD_PID" >"$WORK/ticks-0"
  machine_ticks "$generator" >"$WORK/machine-0"
  [ "$JOURNAL" = postgresql ] && pg_sql ward -c "SELECT pg_stat_statements_reset()" >/dev/null
  sleep "$seconds"
  thread_ticks "$WARD_PID" >"$WORK/ticks-1"
  machine_ticks "$generator" >"$WORK/machine-1"
  if [ "$JOURNAL" = postgresql ]; then
    {
      echo "PostgreSQL statements over the window, by total execution time (pg_stat_statements):"
      pg_sql ward -P pager=off -c "SELECT calls, round(total_exec_time) AS total_ms,
          round((total_exec_time / calls)::numeric, 3) AS mean_ms, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS query
        FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12"
    } >"$WORK/pg-statements.txt"
  fi
  window_to=$(date +%s%3N)
  jcmd "$WARD_PID" JFR.dump name=ward filename="$WORK/ward.jfr" >/dev/null
  wait "$load" || true
  {
    echo "after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
    local cpu='NR == FNR { before[$2] = $1; next }
      { name = $3; for (i = 4; i <= NF; i++) name = name " " $i; gsub(/[0-9]+/, "N", name)
        used = $1 - before[$2]; total += used; byName[name] += used }'
    # the bench's own rate: its measuring window is the JFR window within a second or two
    local achieved
    achieved=$(grep -m1 '"messagesPerSecond"' "$OUT/profile-bench.json" | sed 's/[^0-9.]//g')
    awk -v hz="$ticks" -v rate="$rate" -v got="${achieved:-0}" -v s="$seconds" "$cpu"'
      END { printf "Ward CPU over the %d s window: %.1f s; %.0f msg/s acknowledged (%s offered): %.0f µs CPU per message\n",
              s, total / hz, got, rate, (got > 0 ? total / hz * 1e6 / (got * s) : 0) }' "$WORK/ticks-0" "$WORK/ticks-1"
    # The whole machine over the same window: what Ward leaves to the load generator, the receiver
    # and the database, and how much was idle.
    awk -v hz="$ticks" -v got="${achieved:-0}" -v s="$seconds" '
      NR == FNR { before[$1] = $2; next }
      { used[$1] = $2 - before[$1] }
      END {
        printf "machine CPU over the window: %.1f of %.1f core-seconds busy (%.0f %%)\n", used["busy"] / hz,
          used["all"] / hz, 100 * used["busy"] / used["all"]
        split("ward load-generator downstream-receiver postgresql", names, " ")
        for (i = 1; i <= 4; i++) {
          n = names[i]
          printf "  %-20s %6.1f s  %5.0f µs per message\n", n, used[n] / hz,
            (got > 0 ? used[n] / hz * 1e6 / (got * s) : 0)
          known += used[n]
        }
        printf "  %-20s %6.1f s  %5.0f µs per message (kernel, JIT of other processes, the rest)\n", "everything else",
          (used["busy"] - known) / hz, (got > 0 ? (used["busy"] - known) / hz * 1e6 / (got * s) : 0)
      }' "$WORK/machine-0" "$WORK/machine-1"
    echo "CPU by thread (kernel thread names, digits as N):"
    awk "$cpu"' END { for (n in byName) if (byName[n] > 0) printf "  %5.1f %%  %s\n", 100 * byName[n] / total, n }' \
      "$WORK/ticks-0" "$WORK/ticks-1" | sort -rn
  } >>"$OUT/profile.txt"
  stop_ward
  [ -f "$WORK/pg-statements.txt" ] && cat "$WORK/pg-statements.txt" >>"$OUT/profile.txt"
  "$JAVA" -cp "$BENCH_CP" org.ward.bench.JfrCosts "$WORK/ward.jfr" "$window_from" "$window_to" >>"$OUT/profile.txt"
  cat "$OUT/profile.txt"
}

step_plot() {
  "$JAVA" -Djava.awt.headless=true -cp "$BENCH_CP" org.ward.bench.ThroughputLatencyPlot "$OUT" \
    "$HOME_DIR/docs/bench/throughput-latency.png"
}

log "results in $OUT, scratch in $WORK"
for step in "${STEPS[@]}"; do
  case "$step" in
    startup|sweep|sustained|alarm|idle|profile|plot) "step_$step" ;;
    *) echo "run-targets: unknown step $step (startup sweep sustained alarm idle profile plot)" >&2; exit 2 ;;
  esac
done
