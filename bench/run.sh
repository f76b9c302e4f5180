#!/usr/bin/env bash
# Builds the benchmarks and runs the short profile: one line per claim with the SDK's median, its
# baseline's median from the same run, and the ratio. Optional argument: a filter on claim names.
# Tunables (system properties): -Dbench.warmups=3 -Dbench.iterations=5 -Dbench.seconds=2
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests -pl ares-benchmarks -am package
java ${BENCH_JAVA_OPTS:-} -jar ares-benchmarks/target/ares-benchmarks.jar "$@"
