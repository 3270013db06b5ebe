#!/usr/bin/env bash
# Narrates a member's life through the running local platform, step by step, printing what each
# service did: sign-up, consents, service application, disclosure to a partner, correction and its
# notice, withdrawal, ten years later, destruction certificates, audit verification.
#   deploy/local/start.sh && deploy/local/demo.sh
# It moves every service's clock ten years on and back again (outside prod only).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JAR="$HERE/local-platform/target/local-platform.jar"
if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
  sed -n '2,6{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"
  exit 0
fi
if [[ ! -f "$JAR" ]]; then
  echo "The launcher is not built yet: run deploy/local/start.sh first." >&2
  exit 1
fi
exec "$JAVA" -Dplatform.root="$ROOT" -jar "$JAR" demo
