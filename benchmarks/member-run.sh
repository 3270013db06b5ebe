#!/usr/bin/env bash
# member-service benchmark: sign-up/s, GET-own-profile latency and rate next to a plain GET baseline,
# and commit→consume event latency. Builds the jars it needs, then runs for about 5 minutes.
# Options as system properties: -Dwarmup.seconds=45 -Dmeasure.seconds=30 -Dconnections=16
# -Dphases=signup,profile,cookie (default all; the baseline always runs; cookie = the decision of issue 7,
# seeding -Dcookie.members=600 and -Dcookie.devices=3000 preferences through the API first).
# -Dmember.jvm.options=... passes JVM options to member-service, e.g. -Dprivacy.access-records.direct=false
# to put read access records through the outbox (the A/B of BENCHMARKS.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -o -q -B -ntp -pl member-service,consent-service,benchmarks -am package -DskipTests
java -Xmx512m -Djava.util.logging.manager=org.jboss.logmanager.LogManager "$@" -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath)" \
  dev.privacy.benchmarks.MemberServiceBenchmark
