#!/usr/bin/env bash
# Retention pipeline benchmark (issue 8): N due schedules (default 1,000,000) expired by the packaged
# retention-service, destroyed by member-, consent- and disclosure-service (real seeded rows) and
# certified, on a real PostgreSQL and Kafka broker; prints each stage's rate and the total time.
# Usage: flock /tmp/build.lock bash benchmarks/retention-run.sh [schedules] [-Dmax.minutes=25]
# -D<service>.jvm.options=... passes JVM options to one service (e.g. -Dretention-service.jvm.options=-Dx=y).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
n="${1:-1000000}"
shift || true
if [ "${SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -o -q -B -ntp -pl member-service,consent-service,disclosure-service,retention-service,benchmarks -am package -DskipTests
fi
java -Xmx2g -Djava.util.logging.manager=org.jboss.logmanager.LogManager "$@" -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath)" \
  dev.privacy.benchmarks.RetentionPipelineBenchmark "$n"
