#!/bin/bash
# Samples the cumulative CPU seconds of the platform processes every 5 s until /tmp/sampler.stop exists.
# The benchmark JVM is matched first: its classpath names embedded-postgres and kafka jars.
# Usage: benchmarks/cpu-sampler.sh /tmp/samples.txt & ... ; touch /tmp/sampler.stop; python3 benchmarks/cpu-sampler-sum.py /tmp/samples.txt
out=${1:-/tmp/samples.txt}; : > $out
while [ ! -f /tmp/sampler.stop ]; do
  ts=$(date +%s)
  ps -eo pid=,times=,args= | awk -v ts=$ts '{pid=$1; t=$2; $1="";$2=""; a=$0; n="other"; if (a ~ /RetentionPipelineBenchmark/) n="bench"; else if (a ~ /member-service/) n="member"; else if (a ~ /consent-service/) n="consent"; else if (a ~ /disclosure-service/) n="disclosure"; else if (a ~ /retention-service/) n="retention"; else if (a ~ /audit-log-service/) n="audit"; else if (a ~ /postgres/) n="postgres"; else if (a ~ /kafka/) n="kafka"; else if (a ~ /java/) n="java-other"; print ts, pid, n, t}' >> $out
  sleep 5
done
