#!/usr/bin/env bash
# Runs the outbox benchmark against a real PostgreSQL and a real Kafka broker that it starts itself.
# Usage: benchmarks/run.sh [events]   (default 50000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests
java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath)" \
  dev.privacy.benchmarks.OutboxThroughputBenchmark "${1:-50000}"
