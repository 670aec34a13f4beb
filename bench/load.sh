#!/usr/bin/env bash
# The release load: CLIENTS clients for SECONDS against a fresh demo site, mixing page views,
# searches, history and diffs, edits of own and shared pages, proposals and accepts, comments,
# poll votes and git fetches. Prints p50/p95/p99/max per kind, 5xx, slow requests, lost edits,
# and the heap after a full collection before and after.
#
#   bench/load.sh [CLIENTS] [SECONDS]   (defaults: 32 60)
#
# MOOT_BENCH_JAVA_OPTS=-Dload.extraFetches=25 makes a git fetch of a quarter of the steps before
# the usual mix is drawn (about 30 % in all; 500-650 fetches a minute instead of 180), to hunt
# fetch failures.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
clients="${1:-32}"
seconds="${2:-60}"
out="$here/out"
work="$out/load"
rm -rf "$work" && mkdir -p "$work"
(cd "$root" && mvn -q -B -ntp -Dstyle.color=never test-compile dependency:build-classpath -pl web -am \
  -Dmdep.outputFile="$out/web.classpath")
cp="$root/web/target/test-classes:$root/web/target/classes:$root/engine/target/classes:$root/content-schema/target/classes"
java -Xmx1g ${MOOT_BENCH_JAVA_OPTS:-} -cp "$cp:$(cat "$out/web.classpath")" org.moot.web.bench.LoadBench "$work" "$clients" "$seconds"
