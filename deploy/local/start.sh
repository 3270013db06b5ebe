#!/usr/bin/env bash
# Starts the whole platform locally: PostgreSQL (DB_URL, else the host's on 127.0.0.1:5432, else
# embedded), a Kafka broker (KAFKA_BOOTSTRAP, else a broker process) and the five services from their
# packaged jars. Returns once all five are ready; they keep running until deploy/local/stop.sh.
#   deploy/local/start.sh [--build]     --build: rebuild the jars first (./mvnw package -DskipTests)
# Safe to re-run: if the platform already runs, it says so and exits 0.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JAR="$HERE/local-platform/target/local-platform.jar"
RUN_DIR="$HERE/.run"
STATE="$RUN_DIR/state"
LOG="$RUN_DIR/platform.log"
SERVICES=(member-service consent-service retention-service disclosure-service audit-log-service)
if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

usage() { sed -n '2,8{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"; }

build=false
for arg in "$@"; do
  case "$arg" in
    --build) build=true ;;
    -h|--help) usage; exit 0 ;;
    *) echo "start.sh: unknown argument '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done

log_tail() { # the last lines this start wrote to the launcher's log
  echo "Last lines of deploy/local/.run/platform.log:" >&2
  tail -c "+$log_from" "$LOG" | tail -n 25 | sed 's/^/  | /' >&2
}

state_value() { # the value of key $1 in the state file, or nothing
  [[ -f "$STATE" ]] && sed -n "s/^$1=//p" "$STATE" | head -n 1 || true
}

launcher_alive() { # $1: pid — alive and really our launcher (not a reused pid)
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null && ps -p "$1" -o args= 2>/dev/null | grep -q 'local-platform'
}

# 1. Already running? Report and leave it alone (rebuilding under running services would break them).
running_pid="$(state_value launcher.pid)"
if launcher_alive "$running_pid"; then
  if [[ "$(state_value status)" == ready ]]; then
    echo "The local platform is already running."
    $build && echo "(--build ignored: stop it first with deploy/local/stop.sh)"
    "$JAVA" -Dplatform.root="$ROOT" -jar "$JAR" status || true
    exit 0
  fi
  echo "A launcher (pid $running_pid) is already $(state_value status); waiting for it."
  launcher="$running_pid"
  own_child=false
  log_from=1
else
  # 2. Build what is missing (or everything with --build).
  missing=()
  [[ -f "$JAR" ]] || missing+=("deploy/local/local-platform/target/local-platform.jar")
  for service in "${SERVICES[@]}"; do
    [[ -f "$ROOT/$service/target/quarkus-app/quarkus-run.jar" ]] || missing+=("$service/target/quarkus-app/quarkus-run.jar")
  done
  if $build || ((${#missing[@]} > 0)); then
    ((${#missing[@]} > 0)) && echo "Missing: ${missing[*]}"
    echo "Building the platform: ./mvnw -q package -DskipTests (a few minutes the first time) …"
    (cd "$ROOT" && ./mvnw -q package -DskipTests)
    if [[ ! -f "$JAR" ]]; then # the launcher module is not (yet) part of the root build
      (cd "$ROOT" && ./mvnw -q -pl platform/platform-infra install -DskipTests \
        && ./mvnw -q -f deploy/local/local-platform/pom.xml package -DskipTests)
    fi
  fi

  # 3. Start the launcher in the background; it owns the broker and embedded PostgreSQL.
  mkdir -p "$RUN_DIR"
  touch "$LOG"
  log_from=$(($(wc -c <"$LOG") + 1))
  echo "==== $(date '+%Y-%m-%d %H:%M:%S') start.sh" >>"$LOG"
  nohup "$JAVA" -Xmx192m -XX:+UseSerialGC -Dplatform.root="$ROOT" -jar "$JAR" run >>"$LOG" 2>&1 </dev/null &
  launcher=$!
  own_child=true
  echo "Starting the local platform (launcher pid $launcher, log deploy/local/.run/platform.log) …"
fi

# 4. Wait until the launcher reports ready or failure.
deadline=$((SECONDS + ${PLATFORM_START_TIMEOUT:-900}))
last_step=""
while true; do
  if [[ "$(state_value launcher.pid)" == "$launcher" ]]; then
    status="$(state_value status)"
    step="$(state_value step)"
    if [[ -n "$step" && "$step" != "$last_step" && "$status" == starting ]]; then
      echo "  … $step"
      last_step="$step"
    fi
    case "$status" in
      ready)
        "$JAVA" -Dplatform.root="$ROOT" -jar "$JAR" status
        exit 0 ;;
      failed)
        echo >&2
        echo "The local platform failed to start: $(state_value message)" >&2
        log_tail
        exit 1 ;;
    esac
  fi
  if ! kill -0 "$launcher" 2>/dev/null; then
    rc=0
    if $own_child; then wait "$launcher" || rc=$?; fi
    # exit 0 without a state of its own: another launcher won the race and is running
    other="$(state_value launcher.pid)"
    if [[ "$rc" == 0 && "$other" != "$launcher" ]] && launcher_alive "$other"; then
      launcher="$other"; own_child=false; continue
    fi
    echo "The launcher exited (code $rc) before the platform was ready." >&2
    log_tail
    exit 1
  fi
  if ((SECONDS > deadline)); then
    echo "Still not ready after ${PLATFORM_START_TIMEOUT:-900} s; see deploy/local/.run/platform.log (stop with deploy/local/stop.sh)." >&2
    exit 1
  fi
  sleep 1
done
