#!/usr/bin/env bash
# Stops everything deploy/local/start.sh started: the five services, the Kafka broker process and
# embedded PostgreSQL (a host or external PostgreSQL/Kafka is left alone). Data stays in
# deploy/local/.data. Safe to run when nothing runs.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JAR="$HERE/local-platform/target/local-platform.jar"
STATE="$HERE/.run/state"
if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

if [[ -f "$JAR" && -d "$HERE/local-platform/target/lib" ]]; then
  exec "$JAVA" -Dplatform.root="$ROOT" -jar "$JAR" stop
fi

# The launcher jar is gone (e.g. ./mvnw clean while running): stop the recorded processes by pid.
if [[ ! -f "$STATE" ]]; then
  echo "The local platform is not running; nothing to stop."
  exit 0
fi
stop_pid() { # $1 what, $2 pid, $3 pattern its command line must contain
  local pid="$2"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  ps -p "$pid" -o args= 2>/dev/null | grep -q -- "$3" || return 0
  echo "Stopping $1 (pid $pid) …"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
}
value() { sed -n "s/^$1=//p" "$STATE" | head -n 1; }
stop_pid "the launcher" "$(value launcher.pid)" local-platform
for service in $(value services | tr ',' ' '); do
  stop_pid "$service" "$(value "service.$service.pid")" quarkus-run.jar
done
[[ "$(value kafka.kind)" == process ]] && stop_pid "the Kafka broker" "$(value kafka.pid)" kafka.Kafka
[[ "$(value postgres.kind)" == embedded ]] && stop_pid "embedded PostgreSQL" "$(value postgres.pid)" postgres
echo "The local platform is stopped."
