#!/usr/bin/env bash
# Prints a development JWT (RS256, signed with the dev key in platform-runtime) that the locally
# running services accept. Never for production.
#   deploy/local/token.sh ROLE [SUBJECT]     ROLE: member | privacy-officer | compliance | ops | service
#   curl -H "Authorization: Bearer $(deploy/local/token.sh privacy-officer)" http://localhost:8081/...
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JAR="$HERE/local-platform/target/local-platform.jar"
if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

if [[ $# -lt 1 || $# -gt 2 || "$1" == -h || "$1" == --help ]]; then
  sed -n '2,8{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}" >&2
  exit 2
fi
if [[ ! -f "$JAR" ]]; then
  echo "The launcher is not built yet: run deploy/local/start.sh --build (or ./mvnw package -DskipTests)." >&2
  exit 1
fi
exec "$JAVA" -Dplatform.root="$ROOT" -jar "$JAR" token "$@"
